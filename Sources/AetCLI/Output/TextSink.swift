import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where a command writes its text: a file descriptor (stdout, stderr) or memory (tests).
///
/// Writes are buffered (up to 64 KiB) so that streaming a whole event log costs few system calls
/// and constant memory; call ``flush()`` when the command ends.
///
/// ```swift
/// let output = TextSink.capturing()
/// output.write("T-1\n")
/// output.text  // "T-1\n"
/// ```
public final class TextSink: Sendable {
    private enum Destination: Sendable {
        case fileDescriptor(Int32)
        case memory(terminal: Bool)
    }

    private struct State {
        var buffer: [UInt8] = []
        var captured: [UInt8] = []
    }

    private static let bufferLimit = 64 * 1024

    private let destination: Destination
    private let state = Mutex(State())

    private init(_ destination: Destination) {
        self.destination = destination
    }

    /// The process's standard output.
    /// - Returns: A sink writing to file descriptor 1.
    public static func standardOutput() -> TextSink { TextSink(.fileDescriptor(1)) }

    /// The process's standard error.
    /// - Returns: A sink writing to file descriptor 2.
    public static func standardError() -> TextSink { TextSink(.fileDescriptor(2)) }

    /// A sink that keeps everything written, for tests.
    /// - Returns: A sink whose ``text`` is everything written so far.
    public static func capturing() -> TextSink { TextSink(.memory(terminal: false)) }

    /// A capturing sink that says it is a terminal, for tests of colour.
    /// - Returns: A sink whose ``isTerminal`` is true.
    public static func capturingTerminal() -> TextSink { TextSink(.memory(terminal: true)) }

    /// Whether the text goes to a terminal (`isatty`), where colour is welcome.
    public var isTerminal: Bool {
        switch destination {
        case .fileDescriptor(let descriptor): isatty(descriptor) == 1
        case .memory(let terminal): terminal
        }
    }

    /// Writes text (add the newline yourself).
    /// - Parameter text: The text.
    public func write(_ text: String) {
        let pending: [UInt8]? = state.withLock { state in
            switch destination {
            case .memory:
                state.captured.append(contentsOf: text.utf8)
                return nil
            case .fileDescriptor:
                state.buffer.append(contentsOf: text.utf8)
                guard state.buffer.count >= Self.bufferLimit else { return nil }
                defer { state.buffer.removeAll(keepingCapacity: true) }
                return state.buffer
            }
        }
        if let pending { writeOut(pending) }
    }

    /// Writes one line, adding the newline.
    /// - Parameter line: The line without its newline.
    public func writeLine(_ line: String) {
        write(line + "\n")
    }

    /// Writes out whatever is buffered.
    public func flush() {
        let pending = state.withLock { state in
            defer { state.buffer.removeAll(keepingCapacity: true) }
            return state.buffer
        }
        if !pending.isEmpty { writeOut(pending) }
    }

    /// Everything written to a capturing sink (empty for a file descriptor).
    public var text: String {
        state.withLock { String(decoding: $0.captured, as: UTF8.self) }
    }

    private func writeOut(_ bytes: [UInt8]) {
        guard case .fileDescriptor(let descriptor) = destination else { return }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, base.advanced(by: offset), raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // The reader went away (EPIPE) or the disk is full: nothing useful left to do.
                }
                offset += written
            }
        }
    }
}

/// `write(2)`, named apart from ``TextSink/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
