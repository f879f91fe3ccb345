public import AetCore

/// An error from an event store. Equal by code; `description` is safe to show a user.
public struct StoreError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private enum Code: String, Sendable {
        case versionConflict = "version_conflict"
        case idempotencyMismatch = "idempotency_mismatch"
        case invalidAppend = "invalid_append"
        case corrupted
        case unavailable
        case migration
    }

    private let code: Code
    private let message: String
    private let detail: String?
    /// Where the error was raised.
    public let file: String
    public let line: Int

    private init(_ code: Code, _ message: String, detail: String? = nil, file: String, line: Int) {
        self.code = code
        self.message = message
        self.detail = detail
        self.file = file
        self.line = line
    }

    /// Someone else appended to the stream first.
    public static func versionConflict(
        stream: StreamID, expected: ExpectedVersion, actual: Int64, file: String = #fileID, line: Int = #line
    ) -> StoreError {
        StoreError(
            .versionConflict,
            "stream \(stream) is at version \(actual), not \(expected): someone else appended first; reload and try again.",
            file: file, line: line)
    }

    /// Only some of the events in a request carry keys already in the log.
    public static func idempotencyMismatch(stream: StreamID, file: String = #fileID, line: Int = #line) -> StoreError {
        StoreError(
            .idempotencyMismatch,
            "an append to \(stream) repeats some idempotency keys but not all: send the same events with the same keys, or all new keys.",
            file: file, line: line)
    }

    /// The append itself is malformed (no events, an over-long key, …).
    public static func invalidAppend(_ message: String, file: String = #fileID, line: Int = #line) -> StoreError {
        StoreError(.invalidAppend, message, file: file, line: line)
    }

    /// The stored data cannot be read as aet's format.
    public static func corrupted(_ message: String, detail: String? = nil, file: String = #fileID, line: Int = #line)
        -> StoreError
    {
        StoreError(.corrupted, message, detail: detail, file: file, line: line)
    }

    /// The database could not be opened, read or written.
    public static func unavailable(_ message: String, detail: String? = nil, file: String = #fileID, line: Int = #line)
        -> StoreError
    {
        StoreError(.unavailable, message, detail: detail, file: file, line: line)
    }

    /// The schema could not be migrated.
    public static func migration(_ message: String, detail: String? = nil, file: String = #fileID, line: Int = #line)
        -> StoreError
    {
        StoreError(.migration, message, detail: detail, file: file, line: line)
    }

    /// A short code without payload, for metric labels: e.g. `version_conflict`.
    public var shortDescription: String { code.rawValue }

    /// True when the stored data or the file itself is damaged.
    public var isCorrupted: Bool { code == .corrupted }

    /// True for ``versionConflict(stream:expected:actual:file:line:)``.
    public var isVersionConflict: Bool { code == .versionConflict }

    public var description: String { message }

    public var debugDescription: String {
        "StoreError(\(code.rawValue)): \(message)\(detail.map { " [\($0)]" } ?? "") at \(file):\(line)"
    }
}

extension StoreError: Equatable {
    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
}
