import AetCore
import AetStore
import ArgumentParser

/// `aet status`: how many tickets are in each status, and the queued, running and waiting ones.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how many tickets are in each status, and the queued, running and waiting-to-merge tickets."
    )

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("List at most this many active tickets.", valueName: "n"))
    var limit = 50

    /// The result, as `--json` prints it.
    struct Report: Encodable {
        var counts: [String: Int]
        var active: [TicketSummary]
    }

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "status", readOnly: true)
        let store = try context.openStoreForReading()
        let counts = try await store.statusCounts()
        let active = try await store.tickets(statuses: [.queued, .running, .waitingToMerge], limit: limit)
        if context.json {
            let allCounts = Dictionary(
                uniqueKeysWithValues: TicketStatus.allCases.map { (JSONOutput.key($0.rawValue), counts[$0] ?? 0) }
            )
            return try context.writeJSON(Report(counts: allCounts, active: active))
        }
        let palette = Palette(sink: context.environment.standardOutput, variables: context.environment.variables)
        var countTable = Table(columns: [.init("STATUS"), .init("TICKETS", alignment: .right)], showsHeader: false)
        for status in TicketStatus.allCases { countTable.append([Format.name(status), String(counts[status] ?? 0)]) }
        context.write(
            lines: countTable.render(style: { column, text in
                // A status with tickets in it is painted; an empty one stays plain.
                guard column == 0, let status = Format.status(named: text), (counts[status] ?? 0) > 0 else {
                    return text
                }
                return palette.status(text, status)
            }))
        context.write("")
        guard !active.isEmpty else { return context.write("no queued, running or waiting tickets.") }
        context.write(
            lines: Self.table(active, now: context.environment).render(
                maxWidth: 100,
                style: { column, text in
                    guard column == 1, let status = Format.status(named: text) else { return text }
                    return palette.status(text, status)
                }))
        for summary in active where summary.status == .waitingToMerge {
            guard let ticket = try await store.ticket(summary.id), let note = TicketDetails.waitingNote(ticket) else {
                continue
            }
            context.write(
                Format.firstLine(
                    "\(summary.id) \(note) (it lands by itself once that is resolved; aet merge \(summary.id) tries now)",
                    limit: 400))
        }
        let total = (counts[.queued] ?? 0) + (counts[.running] ?? 0) + (counts[.waitingToMerge] ?? 0)
        if total > active.count {
            context.write("… and \(total - active.count) more (aet status --limit N shows more).")
        }
    }

    /// The active tickets as a table: id, status, stage, priority, age, first line of the description.
    static func table(_ tickets: [TicketSummary], now environment: CLIEnvironment) -> Table {
        var table = Table(columns: [
            .init("ID"), .init("STATUS"), .init("STAGE"), .init("PRI", alignment: .right),
            .init("AGE", alignment: .right),
            .init("DESCRIPTION"),
        ])
        let now = environment.now()
        for ticket in tickets {
            table.append([
                ticket.id.description, Format.name(ticket.status), ticket.currentStage?.rawValue ?? "-",
                String(ticket.priority),
                Format.age(of: ticket.createdAt, now: now), Format.firstLine(ticket.description, limit: 200),
            ])
        }
        return table
    }
}
