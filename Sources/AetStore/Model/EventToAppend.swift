public import AetCore

/// An event on its way into the log.
public struct EventToAppend: Sendable, Hashable {
    /// The typed event.
    public var event: DomainEvent
    /// Who caused it and in which trace.
    public var metadata: EventMetadata
    /// A unique key: appending an event with a key already in the log appends nothing and returns the stored event.
    public var idempotencyKey: String?

    /// Creates an event to append.
    /// - Parameters:
    ///   - event: The typed event.
    ///   - metadata: Who caused it.
    ///   - idempotencyKey: An optional unique key (at most 200 bytes).
    public init(_ event: DomainEvent, metadata: EventMetadata, idempotencyKey: String? = nil) {
        self.event = event
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

/// What the appender believes the stream's current version is.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the version is.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream's last event must have exactly this version (1-based).
    case exact(Int64)

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .exact(let version): "version \(version)"
        }
    }
}

/// One stream's part of a (possibly multi-stream) atomic append.
public struct AppendRequest: Sendable, Hashable {
    public var stream: StreamID
    public var expectedVersion: ExpectedVersion
    public var events: [EventToAppend]

    /// Creates a request.
    /// - Parameters:
    ///   - stream: The stream to append to.
    ///   - expectedVersion: The optimistic-concurrency check.
    ///   - events: The events, in order; at least one.
    public init(stream: StreamID, expectedVersion: ExpectedVersion, events: [EventToAppend]) {
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
    }
}

/// The outcome of one ``AppendRequest``.
public struct AppendResult: Sendable, Hashable {
    /// The stored events: the new ones, or for a duplicate the ones first stored with the same keys.
    public var events: [RecordedEvent]
    /// True when every event's idempotency key was already in the log, so nothing was appended.
    public var wasDuplicate: Bool

    public init(events: [RecordedEvent], wasDuplicate: Bool) {
        self.events = events
        self.wasDuplicate = wasDuplicate
    }
}
