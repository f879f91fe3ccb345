import Foundation

/// Small helpers for decoding one JSON line of an agent's output with `JSONSerialization`.
enum JSONLine {
    /// The longest line parsed; longer ones are treated as not JSON.
    static let maxBytes = 4 << 20

    /// The line as a JSON object, or `nil` when it is not one.
    static func object(_ line: String) -> [String: Any]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), trimmed.utf8.count <= maxBytes else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any]  // nil: not JSON
    }

    /// A JSON number as an integer (never a Bool: `is Bool` also matches NSNumber 0 and 1 on Linux).
    static func integer(_ value: Any?) -> Int64? {
        guard let value, let number = value as? NSNumber, type(of: value) != Bool.self else { return nil }
        return number.int64Value
    }

    /// A value as compact JSON text with sorted keys; a string is quoted; `nil` for what is not JSON.
    static func text(_ value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard JSONSerialization.isValidJSONObject(value) else {
            // try?: a string that cannot be encoded is simply not JSON.
            guard let string = value as? String,
                let data = try? JSONSerialization.data(withJSONObject: [string], options: [.withoutEscapingSlashes])
            else { return nil }
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: value,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )  // nil: not encodable
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// A dictionary of strings as compact JSON text.
    static func text(_ value: [String: String]) -> String {
        text(value as Any) ?? "{}"
    }
}
