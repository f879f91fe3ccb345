import AetCore
import AetStore
import ArgumentParser

/// `aet logs T-n`: a ticket's history in plain English, one line per event.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print a ticket's history in plain English, one line per event."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    /// One line, as `--json` prints it (JSON Lines).
    struct Line: Encodable {
        var position: Int64
        var time: String
        var type: String
        var text: String
    }

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: "logs", readOnly: true)
        let store = try context.openStoreForReading()
        _ = try await TicketService(store: store, actor: CommandContext.actor("logs")).existingTicket(id)
        let zone = context.environment.timeZone
        let encoder = JSONOutput.makeEncoder()
        var day = ""
        for event in try await store.readStream(.ticket(id)) {
            let sentence = EventSentence.sentence(for: event)
            if context.json {
                let line = Line(
                    position: event.position.rawValue,
                    time: TimeFormat.iso8601(event.recordedAt),
                    type: event.typeName,
                    text: sentence
                )
                context.write(try JSONOutput.line(line, encoder: encoder))
                continue
            }
            let eventDay = TimeFormat.day(event.recordedAt, in: zone)
            if eventDay != day {
                day = eventDay
                context.write(day)
            }
            context.write("\(TimeFormat.clock(event.recordedAt, in: zone))  \(sentence)")
        }
    }
}
