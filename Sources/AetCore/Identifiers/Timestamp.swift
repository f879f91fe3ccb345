public import Foundation

/// A point in time with microsecond precision, stored as microseconds since 1970 (UTC).
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public let microseconds: Int64

    /// Wraps a stored microsecond count.
    /// - Parameter microseconds: Microseconds since 1970-01-01T00:00:00Z.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Converts a `Date`, truncated to whole microseconds.
    /// - Parameter date: The date to convert.
    public init(_ date: Date) {
        self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    /// The current wall-clock time.
    public static func now() -> Timestamp { Timestamp(Date()) }

    /// This timestamp as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }

    /// ISO 8601 text with milliseconds, e.g. `2026-11-25T14:50:52.123Z`.
    public var description: String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// ISO 8601 in UTC with microseconds, e.g. `2026-11-25T14:50:52.123456Z`: the JSON form.
    public var iso8601: String {
        let (seconds, micros) = microseconds.floorDivided(by: 1_000_000)
        let base = Date(timeIntervalSince1970: Double(seconds)).formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        let fraction = String(micros)
        return base.dropLast() + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }

    /// Parses ``iso8601`` text (any number of fraction digits up to 6, or none).
    /// - Parameter text: The text, ending in `Z`.
    public init?(iso8601 text: String) {
        guard text.hasSuffix("Z") else { return nil }
        let body = text.dropLast()
        let parts = body.split(separator: ".", maxSplits: 1)
        guard let base = parts.first,
            let date = try? Date("\(base)Z", strategy: .iso8601)  // nil: not ISO 8601
        else { return nil }
        var micros: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int64(digits)
            else { return nil }
            micros = value * Int64([1, 10, 100, 1000, 10_000, 100_000, 1_000_000][6 - digits.count])
        }
        self.microseconds = Int64(date.timeIntervalSince1970.rounded(.down)) * 1_000_000 + micros
    }

    /// Decodes ISO 8601 text (as encoded) or a number of microseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {  // nil: not a number, try text
            microseconds = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 UTC timestamp")
        }
        self = parsed
    }

    /// Encodes as ``iso8601`` text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

extension Int64 {
    /// Quotient and non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self >= 0 ? self / divisor : (self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}
