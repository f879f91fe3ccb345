import AetCore
import Testing

/// Exact bytes and round trips of the primitive binary format written by `BinaryWriter`.
@Suite struct BinaryCodingTests {
    @Test(
        "unsigned varints use LEB128 with the fewest bytes",
        arguments: [
            (0, [0x00]),
            (1, [0x01]),
            (127, [0x7F]),
            (128, [0x80, 0x01]),
            (300, [0xAC, 0x02]),
            (16383, [0xFF, 0x7F]),
            (16384, [0x80, 0x80, 0x01]),
            (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
            (UInt64(1) << 63, [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
            (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        ] as [(UInt64, [UInt8])]
    )
    func unsignedVarint(value: UInt64, expected: [UInt8]) throws {
        let bytes = encoded { $0.write(value) }
        #expect(bytes == expected)
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readUInt64()
        }
        #expect(decoded == value)
    }

    @Test(
        "signed integers are zigzag-encoded",
        arguments: [
            (0, 0), (-1, 1), (1, 2), (-2, 3), (63, 126), (-64, 127), (64, 128),
            (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
        ] as [(Int64, UInt64)]
    )
    func zigzag(value: Int64, raw: UInt64) throws {
        let bytes = encoded { $0.write(value) }
        #expect(bytes == encoded { $0.write(raw) })
        #expect(bytes == encoded { $0.write(Int(value)) })
        let asRaw = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readUInt64()
        }
        #expect(asRaw == raw)
        let asInt64 = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readInt64()
        }
        #expect(asInt64 == value)
        let asInt = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readInt()
        }
        #expect(asInt == Int(value))
    }

    @Test("booleans are one byte, 0 or 1", arguments: [(false, [UInt8(0)]), (true, [1])])
    func boolean(value: Bool, expected: [UInt8]) throws {
        let bytes = encoded { $0.write(value) }
        #expect(bytes == expected)
        #expect(
            try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in try reader.readBool() }
                == value
        )
    }

    @Test(
        "strings are a UTF-8 byte count then the bytes",
        arguments: ["", "aet", "héllo wörld", "日本語", "🎉 👨‍👩‍👧 e\u{301}", "nul\0inside\ttab\r\n"]
    )
    func string(value: String) throws {
        let bytes = encoded { $0.write(value) }
        let utf8 = Array(value.utf8)
        #expect(bytes == encoded { $0.write(UInt64(utf8.count)) } + utf8)
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readString()
        }
        #expect(decoded == value)
        #expect(Array(decoded.utf8) == utf8)
    }

    @Test("a 100 KB multi-byte string has a 3-byte length and round-trips")
    func largeString() throws {
        let value = String(repeating: "aé日🎉", count: 10_240)  // 10 bytes each: 102,400 bytes
        #expect(value.utf8.count == 102_400)
        let bytes = encoded { $0.write(value) }
        #expect(bytes.count == 3 + 102_400)
        #expect(Array(bytes.prefix(3)) == [0x80, 0xA0, 0x06])
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readString()
        }
        #expect(decoded == value)
    }

    @Test("byte strings round-trip and can be skipped")
    func byteStrings() throws {
        let payload: [UInt8] = [0, 255, 128, 0x80, 0x7F]
        let bytes = encoded {
            $0.write(bytes: payload)
            $0.write(bytes: [UInt8]())
            $0.write(true)
        }
        #expect(bytes == [5, 0, 255, 128, 0x80, 0x7F, 0, 1])
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            (try reader.readBytes(), try reader.readBytes(), try reader.readBool())
        }
        #expect(decoded.0 == payload)
        #expect(decoded.1 == [])
        #expect(decoded.2)
        let skipped = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.skipBytes()
            try reader.skipBytes()
            #expect(reader.offset == 7)
            return try reader.readBool()
        }
        #expect(skipped)
    }

    @Test("optionals are a 0 tag, or a 1 tag and the value")
    func optionals() throws {
        let bytes = encoded {
            $0.writeOptional(Int64?.none) { $0.write($1) }
            $0.writeOptional(Int64?.some(-1)) { $0.write($1) }
            $0.writeOptional(String?.some("é")) { $0.write($1) }
            $0.writeOptional(String?.none) { $0.write($1) }
        }
        #expect(bytes == [0, 1, 1, 1, 2, 0xC3, 0xA9, 0])
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            (
                try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt64() },
                try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt64() },
                try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readString() },
                try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readString() }
            )
        }
        #expect(decoded.0 == nil)
        #expect(decoded.1 == -1)
        #expect(decoded.2 == "é")
        #expect(decoded.3 == nil)
    }

    @Test("optional strings and integers have shorthand forms with the same bytes")
    func optionalShorthands() throws {
        let bytes = encoded {
            $0.writeOptional(String?.some("ab"))
            $0.writeOptional(String?.none)
            $0.writeOptional(Int64?.some(-2))
            $0.writeOptional(Int64?.none)
        }
        #expect(bytes == [1, 2, 0x61, 0x62, 0, 1, 3, 0])
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            (
                try reader.readOptionalString(), try reader.readOptionalString(),
                try reader.readOptionalInt64(), try reader.readOptionalInt64()
            )
        }
        #expect(decoded.0 == "ab")
        #expect(decoded.1 == nil)
        #expect(decoded.2 == -2)
        #expect(decoded.3 == nil)
    }

    @Test("string-backed enums are read by raw value, and unknown values are refused")
    func enums() throws {
        let status = try decodeAll(encoded { $0.write("dead_lettered") }) {
            (reader: inout BinaryReader) throws(BinaryDecodingError) in try reader.readEnum(TicketStatus.self)
        }
        #expect(status == .deadLettered)
        let error = #expect(throws: BinaryDecodingError.self) {
            try decodeAll([0x00, 0x04, 0x66, 0x61, 0x73, 0x74]) {
                (reader: inout BinaryReader) throws(BinaryDecodingError) in
                _ = try reader.readBool()
                return try reader.readEnum(TicketMode.self)
            }
        }
        #expect(error == BinaryDecodingError(offset: 1, reason: "unknown TicketMode value (4 bytes)"))
    }

    @Test(
        "arrays are a count then the elements",
        arguments: [[], [0], [1, -1, .max, .min], Array(-150...149)] as [[Int64]]
    )
    func arrays(values: [Int64]) throws {
        let bytes = encoded { $0.writeArray(values) { $0.write($1) } }
        var expected = encoded { $0.write(UInt64(values.count)) }
        for value in values { expected += encoded { $0.write(value) } }
        #expect(bytes == expected)
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt64() }
        }
        #expect(decoded == values)
    }

    @Test("an array of strings keeps order and content")
    func arrayOfStrings() throws {
        let values = ["", "a", "日本", String(repeating: "x", count: 200)]
        let bytes = encoded { $0.writeArray(values) { $0.write($1) } }
        let decoded = try decodeAll(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readString() }
        }
        #expect(decoded == values)
    }

    @Test("the reader tracks its offset and end")
    func offsets() throws {
        let bytes = encoded {
            $0.write(UInt64(300))
            $0.write("ab")
            $0.write(false)
        }
        #expect(bytes == [0xAC, 0x02, 2, 0x61, 0x62, 0])
        try BinaryReader.read(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
            #expect(reader.offset == 0)
            #expect(!reader.isAtEnd)
            #expect(try reader.readUInt64() == 300)
            #expect(reader.offset == 2)
            #expect(try reader.readString() == "ab")
            #expect(reader.offset == 5)
            #expect(try reader.readBool() == false)
            #expect(reader.isAtEnd)
            try reader.expectEnd()
        }
    }

    @Test("removeAll empties the writer, which can then be reused")
    func removeAll() {
        var writer = BinaryWriter(capacity: 4)
        writer.write("something long enough to grow the buffer")
        writer.removeAll()
        #expect(writer.bytes.isEmpty)
        writer.write(UInt64(1))
        #expect(writer.bytes == [1])
    }

    @Test("BinaryReader.read passes the body's error through")
    func readPassesErrorThrough() {
        let error = #expect(throws: BinaryDecodingError.self) {
            try BinaryReader.read([UInt8]()) { (reader: inout BinaryReader) throws(BinaryDecodingError) in
                try reader.readByte()
            }
        }
        #expect(error == BinaryDecodingError(offset: 0, reason: "unexpected end"))
    }
}
