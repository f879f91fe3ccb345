import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a process's lines to `stdout.log` and `stderr.log`, both streams sharing one byte cap.
/// Past the cap, lines are counted and dropped, and each log says so once (and again at the end,
/// with the count). Writes are buffered (64 KiB) local-file appends.
final class ProcessLogWriter: Sendable {
    /// Written when a log first drops output.
    static func capMarker(_ cap: Int) -> String {
        "[aet: output cap of \(cap) bytes reached; further output dropped]\n"
    }

    private struct Sink {
        var descriptor: Int32
        var buffer: [UInt8] = []
        var dropped = 0
    }

    private struct State {
        var sinks: [StandardStream: Sink]
        var remaining: Int
        var logged = 0
        var closed = false
    }

    let files: ProcessLogFiles
    let cap: Int
    private let state: Mutex<State>

    /// Creates (truncating) both logs in a directory.
    /// - Parameters:
    ///   - directory: An existing directory.
    ///   - cap: The most bytes of both logs together.
    /// - Throws: ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)`` when a log cannot be created.
    init(directory: String, cap: Int) throws(RuntimeError) {
        let files = ProcessLogFiles(standardOutput: directory + "/stdout.log", standardError: directory + "/stderr.log")
        let out = open(files.standardOutput, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw .runDirectoryUnavailable(directory, underlying: "open stdout.log: errno \(errno)") }
        let err = open(files.standardError, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard err >= 0 else {
            let code = errno
            _ = systemClose(out)
            throw .runDirectoryUnavailable(directory, underlying: "open stderr.log: errno \(code)")
        }
        self.files = files
        self.cap = max(0, cap)
        self.state = Mutex(
            State(
                sinks: [.standardOutput: Sink(descriptor: out), .standardError: Sink(descriptor: err)],
                remaining: max(0, cap)
            )
        )
    }

    /// Appends one line (a newline is added; a cut line is marked).
    /// - Returns: Whether the line was written (`false`: dropped by the cap).
    @discardableResult
    func write(_ line: OutputLine) -> Bool {
        var record = line.bytes
        if line.truncatedBytes > 0 {
            record.append(contentsOf: " [aet: line cut, \(line.truncatedBytes) more bytes dropped]".utf8)
        }
        record.append(0x0A)
        let cap = self.cap
        return state.withLock { state in
            guard !state.closed, var sink = state.sinks[line.stream] else { return false }
            defer { state.sinks[line.stream] = sink }
            guard record.count <= state.remaining else {
                if sink.dropped == 0 { sink.buffer.append(contentsOf: Self.capMarker(cap).utf8) }
                sink.dropped += record.count
                state.remaining = 0
                return false
            }
            state.remaining -= record.count
            state.logged += record.count
            sink.buffer.append(contentsOf: record)
            if sink.buffer.count >= 64 << 10 { Self.flush(&sink) }
            return true
        }
    }

    /// Bytes written and bytes dropped so far.
    var counts: (logged: Int, dropped: Int) {
        state.withLock { state in (state.logged, state.sinks.values.reduce(0) { $0 + $1.dropped }) }
    }

    /// Flushes both logs, notes what was dropped, and closes them. Idempotent.
    func close() {
        state.withLock { state in
            guard !state.closed else { return }
            state.closed = true
            for stream in [StandardStream.standardOutput, .standardError] {
                guard var sink = state.sinks[stream] else { continue }
                if sink.dropped > 0 {
                    sink.buffer.append(
                        contentsOf: "[aet: \(sink.dropped) bytes of \(stream.rawValue) dropped beyond the cap]\n".utf8
                    )
                }
                Self.flush(&sink)
                _ = systemClose(sink.descriptor)
                state.sinks[stream] = sink
            }
        }
    }

    private static func flush(_ sink: inout Sink) {
        var offset = 0
        let descriptor = sink.descriptor
        sink.buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let written = systemWrite(descriptor, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }  // a full disk: the log is best effort
                offset += written
            }
        }
        sink.buffer.removeAll(keepingCapacity: true)
    }
}

// Free functions, so the calls inside the class reach the system's close(2)/write(2), not its methods.
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}
