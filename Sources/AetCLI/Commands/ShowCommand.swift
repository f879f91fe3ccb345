import AetCore
import AetStore
import ArgumentParser

/// `aet show T-n`: one ticket with its stages, runs and last events.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a ticket: its fields, stages, runs, cost and last events."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    @Option(help: ArgumentHelp("Show this many of the last events.", valueName: "n"))
    var events = 10

    /// The result, as `--json` prints it.
    struct Report: Encodable {
        var ticket: TicketState
        var events: [EventJSON]
    }

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events must be 0 or more.") }
    }

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: "show", readOnly: true)
        let store = try context.openStoreForReading()
        let state = try await TicketService(store: store, actor: CommandContext.actor("show")).existingTicket(id)
        let recent = Array(try await store.readStream(.ticket(id)).suffix(events))
        if context.json { return try context.writeJSON(Report(ticket: state, events: recent.map(EventJSON.init))) }
        let details = TicketDetails(state, environment: context.environment)
        var lines = details.fields()
        lines += ["", "DESCRIPTION"] + details.description()
        lines += ["", "STAGES"] + details.stages()
        lines += ["", "RUNS"] + details.runs()
        if events > 0 { lines += ["", "LAST EVENTS"] + details.events(recent) }
        context.write(lines: lines)
    }
}
