import AetCore
import AetStore
import ArgumentParser
import Logging

/// `aet dlq list|details|retry|remove`: the dead-letter queue of tickets that failed after their retries.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Inspect and act on the dead-letter queue (tickets that failed after their retries).",
        subcommands: [DLQListCommand.self, DLQDetailsCommand.self, DLQRetryCommand.self, DLQRemoveCommand.self],
        defaultSubcommand: DLQListCommand.self
    )
}

/// `aet dlq list`: the dead-lettered tickets.
struct DLQListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tickets in the dead-letter queue."
    )

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("List at most this many.", valueName: "n"))
    var limit = 1000

    /// One entry, as `--json` prints it.
    struct Item: Encodable {
        var ticket: TicketID
        var description: String
        var stage: StageName?
        var attempts: Int
        var deadLetteredAt: String
        var position: Int64
        var reason: String
    }

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "dlq list", readOnly: true)
        let store = try context.openStoreForReading()
        let tickets = try await store.tickets(statuses: [.deadLettered], limit: limit)
        let entries = tickets.compactMap { ticket in ticket.deadLetter.map { (ticket, $0) } }
        if context.json {
            return try context.writeJSON(
                entries.map { ticket, entry in
                    Item(
                        ticket: ticket.id,
                        description: ticket.description,
                        stage: entry.stage,
                        attempts: entry.attempts,
                        deadLetteredAt: TimeFormat.iso8601(entry.deadLetteredAt),
                        position: entry.position.rawValue,
                        reason: entry.reason
                    )
                }
            )
        }
        guard !entries.isEmpty else { return context.write("the dead-letter queue is empty.") }
        var table = Table(columns: [
            .init("TICKET"), .init("STAGE"), .init("ATTEMPTS", alignment: .right), .init("WHEN"), .init("REASON"),
        ])
        for (ticket, entry) in entries {
            table.append([
                ticket.id.description, entry.stage?.rawValue ?? "-", String(entry.attempts),
                TimeFormat.dateTime(entry.deadLetteredAt, in: context.environment.timeZone),
                Format.firstLine(entry.reason, limit: 200),
            ])
        }
        context.write(lines: table.render(maxWidth: 100))
    }
}

/// `aet dlq details T-n`: why a ticket is in the dead-letter queue, with its runs.
struct DLQDetailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "details",
        abstract: "Show why a ticket is in the dead-letter queue: the full reason and its runs."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    func run() async throws {
        let id = try TicketID(parsing: ticket)
        let context = try CommandContext.resolve(globals, command: "dlq details", readOnly: true)
        let store = try context.openStoreForReading()
        let state = try await TicketService(store: store, actor: CommandContext.actor("dlq")).existingTicket(id)
        guard let entry = state.deadLetter else {
            throw ValidationFailure("\(id) is not in the dead-letter queue: see aet dlq list.")
        }
        if context.json { return try context.writeJSON(state) }
        let details = TicketDetails(state, environment: context.environment)
        var lines = ["\(id) is in the dead-letter queue: \(Format.firstLine(state.description, limit: 80))"]
        var table = Table(columns: [.init("FIELD"), .init("VALUE")], showsHeader: false)
        table.append(["stage", entry.stage?.rawValue ?? "-"])
        table.append(["attempts", String(entry.attempts)])
        table.append(["since", details.time(entry.deadLetteredAt)])
        table.append(["position", entry.position.description])
        table.append(["cost", Format.cost(micros: state.costMicros, unknownRuns: state.runsWithUnknownCost)])
        lines += table.render().map { "  " + $0 }
        lines += ["", "REASON"]
        lines += Format.displayable(entry.reason, keepingNewlines: true).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ).map { "  " + $0 }
        lines += ["", "RUNS"] + details.runs()
        lines += ["", "aet dlq retry \(id) queues it again; aet dlq remove \(id) takes it out and leaves it failed."]
        context.write(lines: lines)
    }
}

/// `aet dlq retry T-n`: takes a ticket out of the dead-letter queue and queues it again.
struct DLQRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Take a ticket out of the dead-letter queue and queue it again."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    func run() async throws {
        try await TicketCommandRunner.run(
            ticket: ticket, globals: globals, command: "dlq retry",
            logMessage: "retried a ticket from the dead-letter queue",
            change: { service, id in try await service.retryDeadLetter(id) },
            sentence: { id, state in "\(id) left the dead-letter queue and is queued again (attempt \(state.attempt))."
            })
    }
}

/// `aet dlq remove T-n`: takes a ticket out of the dead-letter queue; it stays failed.
struct DLQRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Take a ticket out of the dead-letter queue without retrying it; it stays failed.",
        discussion: "Its worktree .aet/worktrees/T-n and branch aet/T-n are removed; --keep-branch keeps the branch."
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The ticket, e.g. T-3.", valueName: "ticket"))
    var ticket: String

    @Flag(help: "Keep the branch aet/T-n with the ticket's work; the worktree is removed either way.")
    var keepBranch = false

    func run() async throws {
        try await TicketCommandRunner.run(
            ticket: ticket, globals: globals, command: "dlq remove",
            logMessage: "removed a ticket from the dead-letter queue",
            removingWorkspace: keepBranch,
            change: { service, id in try await service.removeDeadLetter(id) },
            sentence: { id, state in "removed \(id) from the dead-letter queue; it stays \(Format.name(state.status))."
            })
    }
}
