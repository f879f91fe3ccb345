public import Foundation
public import Logging

/// A `LogHandler` writing one JSON object per line: `timestamp` (ISO 8601, UTC), `level`, `label`,
/// `message`, `metadata` (an object; dotted keys such as `aet.ticket.id` kept as they are), `source`,
/// and `error` when one is attached. Secrets in metadata are redacted (``LogRedaction``).
///
/// ```swift
/// let file = try LogFile(path: ".aet/logs/aet.log")
/// let logger = Logger(label: "aet") { JSONLinesLogHandler(label: $0, file: file, logLevel: .info) }
/// logger.info("created ticket", metadata: ["aet.ticket.id": "T-1"])
/// ```
public struct JSONLinesLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// Where lines go.
    public let file: LogFile
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    /// Metadata computed for every line (e.g. trace ids).
    public var metadataProvider: Logger.MetadataProvider?
    private let now: @Sendable () -> Date

    /// Creates a handler.
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - file: The shared log file.
    ///   - logLevel: The lowest level written.
    ///   - metadataProvider: Extra metadata for every line.
    ///   - now: The clock for `timestamp`.
    public init(
        label: String,
        file: LogFile,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.label = label
        self.file = file
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.now = now
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
        var object: [String: JSONValue] = [
            "timestamp": .string(TimeFormat.iso8601Milliseconds(now())),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "message": .string(event.message.description),
            "metadata": Self.json(merged),
            "source": .string(event.source),
        ]
        if let error = event.error { object["error"] = .string(String(describing: error)) }
        // Encoding strings and objects of strings cannot fail; an empty line would be skipped by readers.
        let line = (try? JSONOutput.line(JSONValue.object(object))) ?? ""
        if !line.isEmpty { file.append(line: line) }
    }

    static func json(_ metadata: Logger.Metadata) -> JSONValue {
        .object(metadata.mapValues(json))
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .dictionary(let nested): json(nested)
        case .array(let values): .array(values.map(json))
        }
    }
}
