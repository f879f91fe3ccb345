/// The global position of an event in the log: 1, 2, 3, … in append order.
public struct EventPosition: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The position as stored.
    public let rawValue: Int64

    /// Wraps a stored position.
    /// - Parameter rawValue: A position, 1 or greater for stored events.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    public var description: String { String(rawValue) }

    public static func < (lhs: EventPosition, rhs: EventPosition) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
