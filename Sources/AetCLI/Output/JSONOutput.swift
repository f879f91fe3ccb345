import Foundation

/// JSON for programs: sorted keys, no escaped slashes, one document or one line per value.
///
/// One key style everywhere (every `--json` output and the events' JSON): keys are lowerCamelCase
/// (`baseBranch`, `deadLettered`); values that name a status, mode, stage or event type are the
/// lower_snake_case strings stored in the log (`"dead_lettered"`, `"ticket.sent_back"`).
enum JSONOutput {
    /// A key in aet's style from a stored snake_case name: `dead_lettered` → `deadLettered`.
    static func key(_ name: String) -> String {
        var result = ""
        var upper = false
        for character in name {
            if character == "_" {
                upper = true
            } else {
                result += upper ? character.uppercased() : String(character)
                upper = false
            }
        }
        return result
    }

    /// An encoder configured the way aet prints JSON.
    static func makeEncoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One value as compact JSON text on one line.
    /// - Throws: `EncodingError` when the value cannot be encoded.
    static func line(_ value: some Encodable, encoder: JSONEncoder = makeEncoder()) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A JSON value built by hand (log lines, small command results).
enum JSONValue: Encodable, Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
