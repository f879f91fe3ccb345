import AetCore
import Testing

/// `EventMetadata` is stored as bytes beside the payload and covered by the hash.
@Suite struct EventMetadataTests {
    private func decode(_ bytes: [UInt8]) throws -> EventMetadata {
        try bytes.withUnsafeBytes { raw in try EventMetadata(decoding: raw) }
    }

    @Test(
        "metadata round-trips",
        arguments: [
            EventMetadata(actor: "cli:create"),
            EventMetadata(actor: "worker:host-1", traceID: "4bf92f3577b34da6a3ce929d0e0e4736"),
            EventMetadata(actor: "", traceID: ""),
            EventMetadata(actor: "ünïcödé 🎉", traceID: nil),
            EventMetadata(actor: String(repeating: "a", count: 500), traceID: String(repeating: "b", count: 200)),
        ]
    )
    func roundTrip(metadata: EventMetadata) throws {
        #expect(try decode(metadata.encoded()) == metadata)
    }

    @Test("the stored form is the actor, then an optional trace id")
    func layout() {
        #expect(EventMetadata(actor: "ab").encoded() == [2, 0x61, 0x62, 0])
        #expect(EventMetadata(actor: "a", traceID: "t").encoded() == [1, 0x61, 1, 1, 0x74])
    }

    @Test(
        "malformed metadata is refused",
        arguments: [
            [],  // nothing
            [0x02, 0x61],  // actor truncated
            [0x01, 0x61],  // optional tag missing
            [0x01, 0x61, 0x02],  // invalid optional tag
            [0x01, 0x61, 0x01, 0x05, 0x74],  // trace id truncated
            [0x01, 0xFF, 0x00],  // actor not UTF-8
            [0x01, 0x61, 0x00, 0x00],  // trailing byte
        ] as [[UInt8]]
    )
    func malformed(bytes: [UInt8]) {
        #expect(throws: BinaryDecodingError.self) { try decode(bytes) }
    }
}
