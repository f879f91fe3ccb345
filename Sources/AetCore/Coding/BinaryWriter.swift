/// Appends values in aet's compact binary event format (see docs/event-format.md).
///
/// Integers are LEB128 varints (signed ones zigzag-encoded), strings and byte strings are a
/// varint length followed by the bytes, optionals a 0/1 tag, arrays a varint count.
public struct BinaryWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer.
    /// - Parameter capacity: Bytes to reserve up front.
    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer, keeping its storage.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Writes an unsigned varint.
    /// - Parameter value: The value.
    public mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Writes a signed integer, zigzag-encoded.
    /// - Parameter value: The value.
    public mutating func write(_ value: Int64) {
        write(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a signed integer, zigzag-encoded.
    /// - Parameter value: The value.
    public mutating func write(_ value: Int) { write(Int64(value)) }

    /// Writes a boolean as one byte.
    /// - Parameter value: The value.
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Writes a UTF-8 string with its length.
    /// - Parameter value: The string.
    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a byte string with its length.
    /// - Parameter value: The bytes.
    public mutating func write(bytes value: some Collection<UInt8>) {
        write(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes an optional: a 0 tag, or a 1 tag and the value.
    /// - Parameters:
    ///   - value: The optional value.
    ///   - body: Writes a present value.
    @inlinable
    public mutating func writeOptional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        if let value {
            write(true)
            body(&self, value)
        } else {
            write(false)
        }
    }

    /// Writes an optional string.
    /// - Parameter value: The string, or nil.
    public mutating func writeOptional(_ value: String?) { writeOptional(value) { $0.write($1) } }

    /// Writes an optional signed integer.
    /// - Parameter value: The value, or nil.
    public mutating func writeOptional(_ value: Int64?) { writeOptional(value) { $0.write($1) } }

    /// Writes an array: its count, then each element.
    /// - Parameters:
    ///   - values: The elements.
    ///   - body: Writes one element.
    @inlinable
    public mutating func writeArray<T>(_ values: [T], _ body: (inout BinaryWriter, T) -> Void) {
        write(UInt64(values.count))
        for value in values { body(&self, value) }
    }
}
