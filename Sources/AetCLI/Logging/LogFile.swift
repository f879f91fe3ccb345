import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A log file opened for appending, shared by every copy of a log handler.
///
/// Each line is written with one `write(2)` on an `O_APPEND` descriptor, so lines from
/// concurrent aet processes do not interleave.
public final class LogFile: Sendable {
    /// The file's path.
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Opens (creating if needed) a file for appending.
    /// - Parameter path: The file, whose directory must exist.
    /// - Throws: ``LogFileError`` when it cannot be opened.
    public init(path: String) throws(LogFileError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LogFileError(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends one line (the newline is added).
    /// - Parameter line: The line.
    public func append(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        descriptor.withLock { descriptor in
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, base.advanced(by: offset), raw.count - offset)
                    if written < 0, errno == EINTR { continue }
                    // Disk full or closed: a lost log line must not fail the command.
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }
}

/// A log file could not be opened.
public struct LogFileError: Error, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Why, from the operating system.
    public let reason: String

    /// One sentence naming the file and the reason.
    public var description: String { "could not open the log file \(path): \(reason)" }
}
