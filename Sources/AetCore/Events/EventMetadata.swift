/// Who caused an event and in which trace; stored beside the payload, covered by the hash.
public struct EventMetadata: Sendable, Hashable, Codable {
    /// Who appended it, e.g. `cli:create` or `worker:host-1`.
    public var actor: String
    /// The W3C trace id of the operation, when tracing is on.
    public var traceID: String?

    /// Creates metadata.
    /// - Parameters:
    ///   - actor: Who appended the event.
    ///   - traceID: The trace it belongs to.
    public init(actor: String, traceID: String? = nil) {
        self.actor = actor
        self.traceID = traceID
    }

    /// The binary stored form.
    public func encoded() -> [UInt8] {
        var writer = BinaryWriter(capacity: 16)
        writer.write(actor)
        writer.writeOptional(traceID)
        return writer.bytes
    }

    /// Decodes the binary stored form.
    /// - Parameter bytes: The stored bytes.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public init(decoding bytes: UnsafeRawBufferPointer) throws(BinaryDecodingError) {
        var reader = BinaryReader(unsafeBuffer: bytes)
        actor = try reader.readString()
        traceID = try reader.readOptionalString()
        try reader.expectEnd()
    }
}
