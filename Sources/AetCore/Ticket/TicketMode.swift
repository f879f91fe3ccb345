/// How a ticket is worked on.
public enum TicketMode: String, Sendable, Codable, CaseIterable {
    /// The whole pipeline: plan, design, implement, review, test, integrate.
    case full
    /// One developer run, no plan, synchronous.
    case simple
    /// aet picks `full` or `simple` from the ticket's text when it is processed.
    case auto

    /// Parses a mode name as typed on the command line.
    /// - Parameter text: `full`, `simple` or `auto`.
    /// - Throws: ``ValidationFailure`` naming the accepted values.
    public init(parsing text: String) throws(ValidationFailure) {
        guard let mode = TicketMode(rawValue: text.lowercased()) else {
            throw ValidationFailure("unknown mode '\(text.prefix(20))': use full, simple or auto.")
        }
        self = mode
    }
}
