/// One line of a supervised process's output, without its line terminator, secrets redacted.
public struct OutputLine: Sendable, Hashable {
    /// The stream it came from.
    public var stream: StandardStream
    /// The line's bytes (not necessarily UTF-8), at most the configured line cap.
    public var bytes: [UInt8]
    /// Bytes cut from the end of the line because it was longer than the line cap (0 when whole).
    public var truncatedBytes: Int

    /// Creates a line.
    /// - Parameters:
    ///   - stream: The stream.
    ///   - bytes: The line's bytes.
    ///   - truncatedBytes: Bytes cut from its end.
    public init(stream: StandardStream, bytes: [UInt8], truncatedBytes: Int = 0) {
        self.stream = stream
        self.bytes = bytes
        self.truncatedBytes = truncatedBytes
    }

    /// The line as text; invalid UTF-8 becomes U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the line was cut.
    public var isTruncated: Bool { truncatedBytes > 0 }
}

/// What a ``ProcessSupervisor`` tells its callback about.
public enum SupervisedEvent: Sendable, Hashable {
    /// The process started.
    case spawned(processID: Int32, commandLine: String)
    /// The process wrote a line.
    case line(OutputLine)
}

/// What the callback wants the supervisor to do next.
public enum OutputDisposition: Sendable, Hashable {
    /// Keep going.
    case proceed
    /// Stop the process (SIGTERM to its group, then SIGKILL after the grace period), with a reason.
    case stop(reason: String)
}
