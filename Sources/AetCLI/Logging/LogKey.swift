/// The metadata keys aet's CLI logs under (dotted, as DESIGN.md asks).
enum LogKey {
    static let command = "aet.command"
    static let ticketID = "aet.ticket.id"
    static let storePath = "aet.store.path"
    static let events = "aet.events"
    static let problems = "aet.problems"
    static let seconds = "aet.seconds"
}
