public import Logging

/// A `LogHandler` for people, on standard error: `warning: message (key=value, …)`, secrets redacted.
public struct TextLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Where lines go.
    public let output: TextSink
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// Metadata computed for every line (e.g. trace ids).
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler.
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - output: Usually standard error.
    ///   - logLevel: The lowest level shown.
    public init(label: String, output: TextSink, logLevel: Logger.Level = .warning) {
        self.label = label
        self.output = output
        self.logLevel = logLevel
    }

    /// One key of ``metadata``.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line when `event.level` is at least ``logLevel``.
    public func log(event: LogEvent) {
        guard event.level >= logLevel else { return }
        let merged = LogRedaction.merged(metadata, provider: metadataProvider, event: event.metadata)
        let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var line = "\(event.level.rawValue): \(Format.displayable(event.message.description))"
        if let error = event.error { line += ": \(error)" }
        if !pairs.isEmpty { line += " (\(Format.displayable(pairs.joined(separator: ", "))))" }
        output.writeLine(line)
    }
}
