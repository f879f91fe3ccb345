import AetCore
import AetStore
import AetWorkspace
import ArgumentParser
import Foundation
import Logging

/// `aet create "<description>"`: records a new queued ticket and prints its id.
struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a ticket from a plain-language description and print its id.",
        discussion: "Example: aet create \"add rate limiting to the API\" --priority 5 --depends-on T-3"
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("What should be done, in plain language (at most 64 KiB).", valueName: "description"))
    var text: String

    @Option(help: ArgumentHelp("How to work on it: full, simple or auto.", valueName: "mode"))
    var mode = "full"

    @Option(parsing: .unconditional, help: ArgumentHelp("Higher runs first, from -1000 to 1000.", valueName: "n"))
    var priority = 0

    @Option(
        name: .customLong("depends-on"),
        help: ArgumentHelp(
            "A ticket that must complete first; repeat it or separate ids with commas.",
            valueName: "ticket"
        )
    )
    var dependsOn: [String] = []

    @Option(
        help: ArgumentHelp(
            "The branch to start from and merge into (default: project.base_branch of the config).",
            valueName: "branch"
        )
    )
    var base: String?

    @Option(
        help: ArgumentHelp(
            "The most the ticket's runs may spend together: tokens=500k,cost=2.50,time=2h (default: budget: in the config).",
            valueName: "limits"))
    var budget: String?

    /// The result, as `--json` prints it.
    struct Created: Encodable {
        var id: TicketID
        var status: TicketStatus
        var mode: TicketMode
        var priority: Int
        var dependencies: [TicketID]
        var baseBranch: String
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "create")
        let draft = TicketDraft(
            description: text,
            mode: try TicketMode(parsing: mode),
            priority: priority,
            dependencies: try Self.parseTickets(dependsOn),
            baseBranch: base ?? context.config.baseBranch
        )
        try draft.validate()
        if let base, let project = context.project {
            // The branch must exist now: a typo would otherwise surface only when the ticket is worked.
            let found = try await Git().run(
                ["rev-parse", "--verify", "--quiet", "refs/heads/\(base)"], in: project.root,
                acceptedExitCodes: [0, 1, 128])
            guard found.exitStatus == 0 else {
                throw ValidationFailure(
                    "--base \(base) is not a local branch of this repository: name an existing branch (git branch lists them)."
                )
            }
        }
        let ticketBudget =
            try budget.map { text throws(ValidationFailure) in try BudgetParser.parse(text) }
            ?? context.config.ticketBudget
        let store = try context.openStore()
        let id = try await TicketService(store: store, actor: CommandContext.actor("create")).create(
            draft, budget: ticketBudget)
        context.logger.info("created a ticket", metadata: [LogKey.ticketID: .string(id.description)])
        if context.json {
            try context.writeJSON(
                Created(
                    id: id,
                    status: .queued,
                    mode: draft.mode,
                    priority: draft.priority,
                    dependencies: draft.dependencies,
                    baseBranch: draft.baseBranch
                )
            )
        } else {
            context.write(id.description)
        }
    }

    /// Ticket ids from repeated and comma-separated values, e.g. `["T-1,T-2", "3"]`.
    /// - Throws: ``ValidationFailure`` for a value that is not a ticket id.
    static func parseTickets(_ values: [String]) throws(ValidationFailure) -> [TicketID] {
        var ids: [TicketID] = []
        for value in values {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else {
                    throw ValidationFailure("--depends-on has an empty ticket id: write ids such as T-1,T-2.")
                }
                ids.append(try TicketID(parsing: trimmed))
            }
        }
        return ids
    }
}
