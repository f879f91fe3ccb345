import AetCore
import AetStore

/// A stored event as one JSON object for programs (`aet events --json`, `aet show --json`):
/// `position`, `stream`, `version`, `type`, `schemaVersion`, `recordedAt` (ISO 8601), `idempotencyKey`,
/// `metadata` {`actor`, `traceID`}, `payload` (the typed payload's fields), `hash` (hex).
///
/// An event this aet cannot decode has `payload: null` and an `error` saying why.
struct EventJSON: Encodable {
    private let recorded: RecordedEvent

    init(_ recorded: RecordedEvent) { self.recorded = recorded }

    private enum Key: String, CodingKey {
        case position, stream, version, type, schemaVersion, recordedAt, idempotencyKey, metadata, payload, hash, error
    }

    private enum MetadataKey: String, CodingKey {
        case actor, traceID
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(recorded.position.rawValue, forKey: .position)
        try container.encode(recorded.stream.rawValue, forKey: .stream)
        try container.encode(recorded.version, forKey: .version)
        try container.encode(recorded.typeName, forKey: .type)
        try container.encode(recorded.schemaVersion, forKey: .schemaVersion)
        try container.encode(TimeFormat.iso8601(recorded.recordedAt), forKey: .recordedAt)
        try container.encode(recorded.idempotencyKey, forKey: .idempotencyKey)
        var problems: [String] = []
        var metadata = container.nestedContainer(keyedBy: MetadataKey.self, forKey: .metadata)
        let decodedMetadata: EventMetadata?
        do { decodedMetadata = try recorded.decodedMetadata() } catch {
            decodedMetadata = nil
            problems.append("metadata: \(error.reason)")
        }
        try metadata.encode(decodedMetadata?.actor, forKey: .actor)
        try metadata.encode(decodedMetadata?.traceID, forKey: .traceID)
        let event: DomainEvent?
        do { event = try recorded.decoded() } catch {
            event = nil
            problems.append(error.description)
        }
        if let event {
            try container.encode(event.payload, forKey: .payload)
        } else {
            try container.encodeNil(forKey: .payload)
        }
        try container.encode(recorded.hashHex, forKey: .hash)
        if !problems.isEmpty { try container.encode(problems.joined(separator: "; "), forKey: .error) }
    }
}
