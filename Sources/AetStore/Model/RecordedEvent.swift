public import AetCore

/// An event as stored in the log: the envelope, the binary payload and its hash.
public struct RecordedEvent: Sendable, Hashable {
    public var position: EventPosition
    public var stream: StreamID
    /// 1-based version within the stream.
    public var version: Int64
    public var typeName: String
    public var schemaVersion: Int
    public var recordedAt: Timestamp
    public var idempotencyKey: String?
    /// The payload in the binary format (docs/event-format.md).
    public var payload: [UInt8]
    /// The metadata in the binary format.
    public var metadata: [UInt8]
    /// SHA-256 over the previous event's hash in this stream and this event's canonical bytes.
    public var hash: [UInt8]

    public init(
        position: EventPosition, stream: StreamID, version: Int64, typeName: String, schemaVersion: Int,
        recordedAt: Timestamp, idempotencyKey: String?, payload: [UInt8], metadata: [UInt8], hash: [UInt8]
    ) {
        self.position = position
        self.stream = stream
        self.version = version
        self.typeName = typeName
        self.schemaVersion = schemaVersion
        self.recordedAt = recordedAt
        self.idempotencyKey = idempotencyKey
        self.payload = payload
        self.metadata = metadata
        self.hash = hash
    }

    /// The typed event.
    /// - Throws: ``EventDecodingError`` when this aet does not know the type or the bytes are malformed.
    public func decoded() throws(EventDecodingError) -> DomainEvent {
        try DomainEvent.decode(typeName: typeName, schemaVersion: schemaVersion, payload: payload)
    }

    /// The typed metadata.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public func decodedMetadata() throws(BinaryDecodingError) -> EventMetadata {
        let result: Result<EventMetadata, BinaryDecodingError> = metadata.withUnsafeBytes { raw in
            do throws(BinaryDecodingError) { return .success(try EventMetadata(decoding: raw)) } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The reducer context of this event.
    public var context: EventContext { EventContext(position: position, version: version, recordedAt: recordedAt) }

    /// The hash as lowercase hex.
    public var hashHex: String { hash.hexString }
}

extension Array where Element == UInt8 {
    /// Lowercase hexadecimal text of the bytes.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
