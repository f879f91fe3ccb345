/// The identifier of a ticket, shown as `T-<n>`.
///
/// ```swift
/// let id = try TicketID(parsing: "T-12")
/// print(id)  // T-12
/// ```
public struct TicketID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ticket's number, starting at 1.
    public let number: Int

    /// Creates an identifier from a ticket number.
    /// - Parameter number: A positive ticket number.
    public init(_ number: Int) {
        precondition(number > 0, "ticket numbers start at 1")
        self.number = number
    }

    /// Parses `T-<n>` (case-insensitive `t-` accepted) or a bare `<n>`.
    /// - Parameter text: The text a user typed.
    /// - Throws: ``ValidationFailure`` when the text is not a ticket id.
    public init(parsing text: String) throws(ValidationFailure) {
        var digits = Substring(text)
        if digits.hasPrefix("T-") || digits.hasPrefix("t-") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits), number > 0
        else {
            throw ValidationFailure("'\(text.prefix(40))' is not a ticket id: write it as T-<number>, e.g. T-3.")
        }
        self.number = number
    }

    public var description: String { "T-\(number)" }

    public static func < (lhs: TicketID, rhs: TicketID) -> Bool { lhs.number < rhs.number }
}

extension TicketID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
