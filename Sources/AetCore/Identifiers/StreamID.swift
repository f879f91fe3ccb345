/// The name of one event stream in the log, e.g. `ticket/T-12`.
///
/// Every stream has its own version sequence and its own hash chain.
public struct StreamID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The stored name of the stream.
    public let rawValue: String

    /// Wraps a stored stream name.
    /// - Parameter rawValue: The stream's name as stored.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The stream holding everything that happens to one ticket.
    /// - Parameter id: The ticket.
    /// - Returns: `ticket/T-<n>`.
    public static func ticket(_ id: TicketID) -> StreamID { StreamID(rawValue: "ticket/\(id)") }

    /// The stream for events that belong to no ticket (e.g. a security violation from an API caller).
    public static let system = StreamID(rawValue: "system")

    /// The ticket this stream belongs to, if it is a ticket stream.
    public var ticketID: TicketID? {
        guard rawValue.hasPrefix("ticket/T-") else { return nil }
        let digits = rawValue.dropFirst(9)
        // Only the canonical spelling (no leading zeros) names a ticket stream.
        guard let first = digits.first, first != "0", digits.count <= 12,
            digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits)
        else { return nil }
        return TicketID(number)
    }

    public var description: String { rawValue }

    public static func < (lhs: StreamID, rhs: StreamID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
