import AetAgents
import AetCore
import AetScheduler
import AetStore
import ArgumentParser
import Foundation

/// `aet simple "<description>" [--worktree] [--runtime NAME]`: one developer run now, synchronously.
struct SimpleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simple",
        abstract: "Create a ticket and have the developer do it now, in your working tree; the exit status is the result.",
        discussion: """
            Without --worktree the agent edits your working tree directly and nothing is committed: review the \
            change with git diff. With --worktree it works on a branch aet/T-n in its own worktree, and the \
            result is merged into the base branch like any ticket. Everything is recorded as events (aet show T-n). \
            Exit status: 0 done, 1 the run failed or was interrupted (Ctrl-C stops the agent; the ticket is recorded as failed).
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("What should be done, in plain language.", valueName: "description"))
    var text: String

    @Flag(help: "Work in a worktree on aet/T-n and merge the result, instead of your working tree.")
    var worktree = false

    @Option(help: ArgumentHelp("The developer's runtime for this command (overrides AET_RUNTIME and the role file).", valueName: "name"))
    var runtime: String?

    struct Report: Encodable {
        var ticket: TicketID
        var status: TicketStatus
        var changedFiles: [String]
        var tokensIn: Int64
        var tokensOut: Int64
        var costMicros: Int64?
        var finalMessage: String?
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "simple")
        let draft = TicketDraft(description: text, mode: .simple, baseBranch: context.config.baseBranch)
        try draft.validate()
        let printer = ProgressPrinter(sink: context.json ? context.environment.standardError : context.environment.standardOutput)
        let setup = try PipelineSetup.make(context, runtime: runtime, command: "simple", progress: { printer.print($0) })
        defer { try? setup.store.close() }  // best effort: the process ends next
        let budget = context.config.ticketBudget
        let id = try await TicketService(store: setup.store, actor: CommandContext.actor("simple")).create(draft, budget: budget)
        let environment = setup.environment
        let root = setup.project.root
        let useWorktree = worktree
        let report = try await InterruptHandling.run(enabled: context.environment.handlesSignals) { () async throws -> Report in
            if useWorktree {
                _ = try await PipelineRunner(environment: environment).run(RunnerOptions(ticket: id))
                let state = try await environment.store.ticket(id)
                return Report(ticket: id, status: state?.status ?? .failed, changedFiles: [], tokensIn: state?.tokensIn ?? 0,
                              tokensOut: state?.tokensOut ?? 0, costMicros: state.flatMap { $0.runsWithUnknownCost > 0 ? nil : $0.costMicros },
                              finalMessage: state?.stages.last?.note)
            }
            guard let ticket = try await environment.store.ticket(id) else { throw CommandFailure("\(id) vanished from the store") }
            let result = try await StageExecutor(environment: environment).executeInPlace(Pipeline.simple.stages[0], of: ticket, directory: root, budget: budget)
            return Report(ticket: id, status: result.ticket.status, changedFiles: result.changedFiles,
                          tokensIn: result.ticket.tokensIn, tokensOut: result.ticket.tokensOut,
                          costMicros: result.ticket.runsWithUnknownCost > 0 ? nil : result.ticket.costMicros,
                          finalMessage: result.outcome?.finalText)
        }
        setup.pruneRuns()
        if context.json {
            try context.writeJSON(report)
        } else {
            var lines = ["\(id): \(report.status.rawValue.replacingOccurrences(of: "_", with: " "))"]
            if !report.changedFiles.isEmpty {
                lines.append("changed (not committed; review with git diff): " + report.changedFiles.joined(separator: ", "))
            }
            if report.status == .waitingToMerge, let note = report.finalMessage {
                lines.append("\(Format.firstLine(note, limit: 300)) (the next aet process lands it once that is resolved; aet merge \(id) tries now)")
            }
            lines.append("tokens \(report.tokensIn) in / \(report.tokensOut) out, cost " + (report.costMicros.map { Format.cost(micros: $0) } ?? "unknown"))
            lines.append("details: aet show \(id)")
            context.write(lines: lines)
        }
        if report.status != .completed && report.status != .waitingToMerge { throw ExitCode(1) }
    }
}
