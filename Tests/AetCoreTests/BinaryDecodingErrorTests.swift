import AetCore
import Testing

/// Malformed input is refused with `BinaryDecodingError`, never a crash or a wrong value.
@Suite struct BinaryDecodingErrorTests {
    private static func readUInt64(_ r: inout BinaryReader) throws(BinaryDecodingError) -> UInt64 { try r.readUInt64() }
    private static func readInt64(_ r: inout BinaryReader) throws(BinaryDecodingError) -> Int64 { try r.readInt64() }
    private static func readString(_ r: inout BinaryReader) throws(BinaryDecodingError) -> String { try r.readString() }

    @Test(
        "a truncated varint is refused at the end of the input",
        arguments: [[], [0x80], [0xFF, 0xFF], [0x80, 0x80, 0x80]] as [[UInt8]]
    )
    func truncatedVarint(bytes: [UInt8]) {
        let error = #expect(throws: BinaryDecodingError.self) { try decodeAll(bytes, Self.readUInt64) }
        #expect(error?.offset == bytes.count)
        #expect(error?.reason == "unexpected end")
        #expect(throws: BinaryDecodingError.self) { try decodeAll(bytes, Self.readInt64) }
    }

    @Test(
        "a varint that does not fit 64 bits is refused",
        arguments: [
            [UInt8](repeating: 0xFF, count: 10) + [0x01],  // 11 bytes
            [UInt8](repeating: 0x80, count: 10) + [0x00],  // 11 bytes, value 0
            [UInt8](repeating: 0xFF, count: 9) + [0x02],  // bit 64 set
            [UInt8](repeating: 0x80, count: 9) + [0x7F],
            [UInt8](repeating: 0xFF, count: 20),
        ]
    )
    func varintOverflow(bytes: [UInt8]) {
        let error = #expect(throws: BinaryDecodingError.self) { try decodeAll(bytes, Self.readUInt64) }
        #expect(error?.reason == "varint overflow")
        #expect(error?.offset == 10)
    }

    @Test("the largest 10-byte varints are accepted")
    func tenByteVarints() throws {
        #expect(try decodeAll([UInt8](repeating: 0xFF, count: 9) + [0x01], Self.readUInt64) == .max)
        #expect(try decodeAll([UInt8](repeating: 0x80, count: 9) + [0x01], Self.readUInt64) == 1 << 63)
        #expect(try decodeAll([UInt8](repeating: 0xFF, count: 9) + [0x01], Self.readInt64) == .min)
    }

    @Test(
        "a length beyond the end is refused",
        arguments: [
            [0x05, 0x61, 0x62],
            [0x01],
            [0x80, 0x01] + [UInt8](repeating: 0x61, count: 127),
            [UInt8](repeating: 0xFF, count: 9) + [0x01],  // UInt64.max
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],  // > Int.max
        ] as [[UInt8]]
    )
    func lengthBeyondEnd(bytes: [UInt8]) {
        let stringError = #expect(throws: BinaryDecodingError.self) { try decodeAll(bytes, Self.readString) }
        #expect(stringError?.reason.contains("exceeds the remaining input") == true)
        #expect(throws: BinaryDecodingError.self) {
            try decodeAll(bytes) { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readBytes() }
        }
        #expect(throws: BinaryDecodingError.self) {
            try decodeAll(bytes) { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.skipBytes() }
        }
        #expect(throws: BinaryDecodingError.self) {
            try decodeAll(bytes) { (r: inout BinaryReader) throws(BinaryDecodingError) in
                try r.readArray { (e: inout BinaryReader) throws(BinaryDecodingError) in try e.readBool() }
            }
        }
    }

    @Test("an array whose count fits but whose elements run out is refused")
    func arrayElementsRunOut() {
        let error = #expect(throws: BinaryDecodingError.self) {
            try decodeAll([0x02, 0x01, 0x61]) { (r: inout BinaryReader) throws(BinaryDecodingError) in
                try r.readArray { (e: inout BinaryReader) throws(BinaryDecodingError) in try e.readString() }
            }
        }
        #expect(error?.offset == 3)
    }

    @Test(
        "invalid UTF-8 in a string is refused",
        arguments: [
            [0x01, 0xFF],  // never valid
            [0x02, 0xC3, 0x28],  // bad continuation
            [0x02, 0xC0, 0x80],  // overlong NUL
            [0x03, 0xED, 0xA0, 0x80],  // UTF-16 surrogate
            [0x01, 0xE6],  // truncated sequence
            [0x04, 0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0x03, 0x61, 0x62, 0x80],  // stray continuation after ASCII
        ] as [[UInt8]]
    )
    func invalidUTF8(bytes: [UInt8]) {
        let error = #expect(throws: BinaryDecodingError.self) { try decodeAll(bytes, Self.readString) }
        #expect(error?.reason == "invalid UTF-8")
        #expect(error?.offset == 1)
    }

    @Test("a boolean byte other than 0 or 1 is refused", arguments: [2, 0x7F, 0x80, 0xFF] as [UInt8])
    func invalidBool(byte: UInt8) {
        let error = #expect(throws: BinaryDecodingError.self) {
            try decodeAll([byte]) { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readBool() }
        }
        #expect(error == BinaryDecodingError(offset: 0, reason: "invalid boolean \(byte)"))
    }

    @Test("an optional tag other than 0 or 1 is refused")
    func invalidOptionalTag() {
        #expect(throws: BinaryDecodingError.self) {
            try decodeAll([0x02, 0x00]) { (r: inout BinaryReader) throws(BinaryDecodingError) in
                try r.readOptional { (e: inout BinaryReader) throws(BinaryDecodingError) in try e.readInt64() }
            }
        }
    }

    @Test("trailing bytes are refused by expectEnd")
    func trailingBytes() throws {
        let error = #expect(throws: BinaryDecodingError.self) {
            try decodeAll([0x01, 0x00, 0x00]) { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readBool()
            }
        }
        #expect(error == BinaryDecodingError(offset: 1, reason: "2 unexpected trailing bytes"))
        #expect(error?.description == "malformed binary data at byte 1: 2 unexpected trailing bytes")
        try BinaryReader.read([UInt8]()) { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.expectEnd() }
    }
}
