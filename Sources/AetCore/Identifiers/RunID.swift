/// The identifier of one run: one attempt of one stage of one ticket, e.g. `T-12.implement.2`.
public struct RunID: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The stored text of the identifier.
    public let rawValue: String

    /// Wraps a stored run identifier.
    /// - Parameter rawValue: The identifier as stored.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The canonical identifier of attempt `attempt` of `stage` on `ticket`.
    /// - Parameters:
    ///   - ticket: The ticket the run works on.
    ///   - stage: The pipeline stage the run executes.
    ///   - attempt: The attempt number, starting at 1.
    public init(ticket: TicketID, stage: StageName, attempt: Int) {
        self.rawValue = "\(ticket).\(stage.rawValue).\(attempt)"
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
