/// Reads values written by ``BinaryWriter``, refusing truncated or malformed input.
///
/// ```swift
/// let value = try BinaryReader.read(bytes) { reader in try reader.readString() }
/// ```
public struct BinaryReader {
    private let buffer: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    public private(set) var offset: Int

    /// Reads from memory the caller keeps alive and unchanged while the reader is used.
    /// - Parameter buffer: The encoded bytes.
    public init(unsafeBuffer buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
        self.offset = 0
    }

    /// Runs `body` with a reader over `bytes`.
    /// - Parameters:
    ///   - bytes: The encoded bytes.
    ///   - body: Reads from them.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public static func read<T, E: Error>(
        _ bytes: [UInt8], _ body: (inout BinaryReader) throws(E) -> T
    ) throws(E) -> T {
        let result: Result<T, E> = bytes.withUnsafeBytes { raw in
            var reader = BinaryReader(unsafeBuffer: raw)
            do throws(E) { return .success(try body(&reader)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == buffer.count }

    /// Reads one byte.
    /// - Returns: The byte.
    /// - Throws: ``BinaryDecodingError`` at the end of the input.
    public mutating func readByte() throws(BinaryDecodingError) -> UInt8 {
        guard offset < buffer.count else { throw BinaryDecodingError(offset: offset, reason: "unexpected end") }
        let byte = buffer[offset]
        offset += 1
        return byte
    }

    /// Reads an unsigned varint.
    /// - Returns: The value.
    /// - Throws: ``BinaryDecodingError`` when truncated or longer than 10 bytes.
    public mutating func readUInt64() throws(BinaryDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw BinaryDecodingError(offset: offset, reason: "varint overflow") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Reads a zigzag-encoded signed integer.
    /// - Returns: The value.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public mutating func readInt64() throws(BinaryDecodingError) -> Int64 {
        let raw = try readUInt64()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a zigzag-encoded signed integer that must fit an `Int`.
    /// - Returns: The value.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public mutating func readInt() throws(BinaryDecodingError) -> Int { Int(try readInt64()) }

    /// Reads a length or count, bounded by the bytes left.
    /// - Returns: The count.
    /// - Throws: ``BinaryDecodingError`` when it exceeds the remaining input.
    public mutating func readCount() throws(BinaryDecodingError) -> Int {
        let count = try readUInt64()
        guard count <= UInt64(buffer.count - offset) else {
            throw BinaryDecodingError(offset: offset, reason: "length \(count) exceeds the remaining input")
        }
        return Int(count)
    }

    /// Reads a boolean.
    /// - Returns: The value.
    /// - Throws: ``BinaryDecodingError`` when the byte is not 0 or 1.
    public mutating func readBool() throws(BinaryDecodingError) -> Bool {
        switch try readByte() {
        case 0: return false
        case 1: return true
        case let other: throw BinaryDecodingError(offset: offset - 1, reason: "invalid boolean \(other)")
        }
    }

    /// Reads a UTF-8 string, validating it.
    /// - Returns: The string.
    /// - Throws: ``BinaryDecodingError`` when truncated or not valid UTF-8.
    public mutating func readString() throws(BinaryDecodingError) -> String {
        let count = try readCount()
        let start = offset
        offset += count
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)])
        // ASCII (almost every stored string) needs no validation: take the fast path.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw BinaryDecodingError(offset: start, reason: "invalid UTF-8")
        }
        return string
    }

    /// Reads a byte string.
    /// - Returns: The bytes.
    /// - Throws: ``BinaryDecodingError`` when truncated.
    public mutating func readBytes() throws(BinaryDecodingError) -> [UInt8] {
        let count = try readCount()
        let start = offset
        offset += count
        return Array(buffer[start..<(start + count)])
    }

    /// Skips a length-prefixed string or byte string without decoding it.
    /// - Throws: ``BinaryDecodingError`` when truncated.
    public mutating func skipBytes() throws(BinaryDecodingError) {
        offset += try readCount()
    }

    /// Reads an optional written by ``BinaryWriter/writeOptional(_:_:)``.
    /// - Parameter body: Reads a present value.
    /// - Returns: The value, or nil.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    @inlinable
    public mutating func readOptional<T>(
        _ body: (inout BinaryReader) throws(BinaryDecodingError) -> T
    ) throws(BinaryDecodingError) -> T? {
        try readBool() ? try body(&self) : nil
    }

    /// Reads an array written by ``BinaryWriter/writeArray(_:_:)``.
    /// - Parameter body: Reads one element.
    /// - Returns: The elements.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    @inlinable
    public mutating func readArray<T>(
        _ body: (inout BinaryReader) throws(BinaryDecodingError) -> T
    ) throws(BinaryDecodingError) -> [T] {
        let count = try readCount()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try body(&self)) }
        return values
    }

    /// Reads an optional string.
    /// - Returns: The string, or nil.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public mutating func readOptionalString() throws(BinaryDecodingError) -> String? {
        try readBool() ? try readString() : nil
    }

    /// Reads an optional signed integer.
    /// - Returns: The value, or nil.
    /// - Throws: ``BinaryDecodingError`` when malformed.
    public mutating func readOptionalInt64() throws(BinaryDecodingError) -> Int64? {
        try readBool() ? try readInt64() : nil
    }

    /// Reads a string-backed enum by its raw value.
    /// - Parameter type: The enum type.
    /// - Returns: The case.
    /// - Throws: ``BinaryDecodingError`` for an unknown raw value.
    public mutating func readEnum<E: RawRepresentable<String>>(_ type: E.Type) throws(BinaryDecodingError) -> E {
        let start = offset
        let raw = try readString()
        guard let value = E(rawValue: raw) else {
            throw BinaryDecodingError(offset: start, reason: "unknown \(E.self) value (\(raw.utf8.count) bytes)")
        }
        return value
    }

    /// Fails unless every byte was consumed.
    /// - Throws: ``BinaryDecodingError`` when bytes are left over.
    public func expectEnd() throws(BinaryDecodingError) {
        guard isAtEnd else {
            throw BinaryDecodingError(offset: offset, reason: "\(buffer.count - offset) unexpected trailing bytes")
        }
    }
}

/// Bytes that are not a valid encoding of what was expected.
public struct BinaryDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the input the problem was found.
    public let offset: Int
    /// What is wrong, without any of the data.
    public let reason: String

    /// Creates a decoding error.
    /// - Parameters:
    ///   - offset: The byte offset of the problem.
    ///   - reason: What is wrong.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "malformed binary data at byte \(offset): \(reason)" }
}
