/// A strict JSON reader (RFC 8259) for verdicts: no trailing commas, comments, single quotes or
/// duplicate keys, which lenient parsers accept and which would make a verdict ambiguous.
enum StrictJSON {
    /// A JSON value; numbers keep their text.
    indirect enum Value: Equatable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Value])
        case object([String: Value])
    }

    /// Why the text is not JSON: a short phrase with the byte offset, safe to show.
    struct Failure: Error, Equatable {
        let reason: String
    }

    /// The deepest nesting read.
    static let maximumDepth = 32

    /// Reads exactly one JSON value, with optional whitespace around it.
    /// - Parameter text: The JSON text.
    /// - Returns: The value.
    /// - Throws: ``Failure`` at the first problem.
    static func parse(_ text: String) throws(Failure) -> Value {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == reader.bytes.count else { throw reader.failure("text after the value") }
        return value
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0

        func failure(_ problem: String) -> Failure {
            Failure(reason: index < bytes.count ? "\(problem) at byte \(index + 1)" : "\(problem) at the end")
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ literal: String) throws(Failure) {
            for byte in literal.utf8 {
                guard current == byte else { throw failure("an unexpected character") }
                index += 1
            }
        }

        mutating func value(depth: Int) throws(Failure) -> Value {
            guard depth < StrictJSON.maximumDepth else { throw failure("nesting deeper than 32 levels") }
            switch current {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case nil: throw failure("no value")
            default: return .number(try number())
            }
        }

        mutating func object(depth: Int) throws(Failure) -> Value {
            index += 1
            var fields: [String: Value] = [:]
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                if current == UInt8(ascii: "}") { throw failure("a trailing comma") }
                guard current == UInt8(ascii: "\"") else { throw failure("a key that is not a string") }
                let key = try string()
                guard fields[key] == nil else {
                    let shown = key.count > 40 ? String(key.prefix(40)) + "…" : key
                    throw failure("the key \(shown.debugDescription) appearing twice")
                }
                skipWhitespace()
                try expect(":")
                skipWhitespace()
                fields[key] = try value(depth: depth + 1)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("}")
                return .object(fields)
            }
        }

        mutating func array(depth: Int) throws(Failure) -> Value {
            index += 1
            var items: [Value] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                if current == UInt8(ascii: "]") { throw failure("a trailing comma") }
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect("]")
                return .array(items)
            }
        }
    }
}
