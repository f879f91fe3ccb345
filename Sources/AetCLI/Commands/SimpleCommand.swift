import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetWorkspace
import ArgumentParser
import Foundation

/// `aet simple "<description>" [--worktree] [--runtime NAME]`: one developer run now, synchronously.
struct SimpleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simple",
        abstract:
            "Create a ticket and have the developer do it now, in your working tree; the exit status is the result.",
        discussion: """
            Without --worktree the agent edits your working tree directly and nothing is committed: review the \
            change with git diff. With --worktree it works on a branch aet/T-n in its own worktree, and the \
            result is merged into the base branch like any ticket. Everything is recorded as events (aet show T-n); \
            aet cancel T-n from another terminal stops the agent (the run is recorded as cancelled). \
            Exit status: 0 done, 1 the run failed or the ticket was cancelled; Ctrl-C, SIGTERM and SIGHUP stop the agent's process group (the \
            ticket is recorded as failed) and exit with 128 + the signal (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("What should be done, in plain language.", valueName: "description"))
    var text: String

    @Flag(help: "Work in a worktree on aet/T-n and merge the result, instead of your working tree.")
    var worktree = false

    @Option(
        help: RuntimeNames.help("The developer's runtime for this command (overrides AET_RUNTIME and the role file)"))
    var runtime: String?

    struct Report: Encodable {
        var ticket: TicketID
        var status: TicketStatus
        var changedFiles: [String]
        var tokensIn: Int64
        var tokensOut: Int64
        var costMicros: Int64?
        var finalMessage: String?
        /// Why the ticket did not complete (the last failure's reason); absent when it completed.
        var reason: String?
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "simple")
        let draft = TicketDraft(description: text, mode: .simple, baseBranch: context.config.baseBranch)
        try draft.validate()
        let printer = ProgressPrinter(
            sink: context.json ? context.environment.standardError : context.environment.standardOutput,
            variables: context.environment.variables)
        let setup = try PipelineSetup.make(
            context, runtime: runtime, command: "simple", progress: { printer.print($0) })
        defer { try? setup.store.close() }  // best effort: the process ends next
        // Nothing is created when the developer's runtime cannot run (not installed, not authenticated).
        let stage = Pipeline.simple.stages[0]
        if let role = setup.environment.roles[stage.role], !role.runsProjectTestCommand {
            let made = try setup.environment.runtimes.runtime(for: role, stage: stage, testCommand: nil)
            if let problem = await made.readiness().problem {
                throw ValidationFailure(
                    "nothing was started: the runtime \(made.id) (for \(role.name)) is not ready: \(problem)")
            }
        }
        let budget = context.config.ticketBudget
        let id = try await TicketService(store: setup.store, actor: CommandContext.actor("simple")).create(
            draft, budget: budget)
        let environment = setup.environment
        let root = setup.project.root
        let useWorktree = worktree
        let (report, signal) = try await InterruptHandling.runReportingSignal(
            enabled: context.environment.handlesSignals
        ) { () async throws -> Report in
            if useWorktree {
                _ = try await PipelineRunner(environment: environment).run(RunnerOptions(ticket: id))
                let state = try await environment.store.ticket(id)
                return Report(
                    ticket: id, status: state?.status ?? .failed, changedFiles: [], tokensIn: state?.tokensIn ?? 0,
                    tokensOut: state?.tokensOut ?? 0,
                    costMicros: state.flatMap { $0.runsWithUnknownCost > 0 ? nil : $0.costMicros },
                    finalMessage: state?.stages.last?.note,
                    reason: state?.status == .completed ? nil : state?.lastError ?? "the ticket did not complete")
            }
            guard let ticket = try await environment.store.ticket(id) else {
                throw CommandFailure("\(id) vanished from the store")
            }
            let executor = StageExecutor(environment: environment)
            let (state, changed, final): (TicketState, [String], String?)
            do {
                // Held and watched like a runner's ticket: aet cancel T-n stops the agent (docs/pipeline.md, "Cancelling").
                let result = try await environment.workspaces.withTicketLock(id, timeout: nil) {
                    try await TicketCancellationWatch(store: environment.store, ticket: id, logger: environment.logger)
                        .run {
                            try await executor.executeInPlace(
                                Pipeline.simple.stages[0], of: ticket, directory: root, budget: budget)
                        }.value
                }
                (state, changed, final) = (result.ticket, result.changedFiles, result.outcome?.finalText)
            } catch is TicketWasCancelled {
                (state, changed, final) = (try await executor.closeCancelledRuns(of: id), [], nil)
            }
            return Report(
                ticket: id, status: state.status, changedFiles: changed, tokensIn: state.tokensIn,
                tokensOut: state.tokensOut,
                costMicros: state.runsWithUnknownCost > 0 ? nil : state.costMicros, finalMessage: final,
                reason: state.status == .completed ? nil : state.lastError ?? "the run did not succeed")
        }
        setup.pruneRuns()
        if context.json {
            try context.writeJSON(report)
        } else {
            var lines = ["\(id): \(report.status.rawValue.replacingOccurrences(of: "_", with: " "))"]
            if let reason = report.reason { lines.append("reason: \(reason)") }
            if !report.changedFiles.isEmpty {
                lines.append(
                    "changed (not committed; review with git diff): " + report.changedFiles.joined(separator: ", "))
            }
            if report.status == .waitingToMerge, let note = report.finalMessage {
                lines.append(
                    "\(Format.firstLine(note, limit: 300)) (the next aet process lands it once that is resolved; aet merge \(id) tries now)"
                )
            }
            lines.append(
                "tokens \(report.tokensIn) in / \(report.tokensOut) out, cost "
                    + (report.costMicros.map { Format.cost(micros: $0) } ?? "unknown"))
            lines.append("details: aet show \(id)")
            context.write(lines: lines)
        }
        if let signal { throw ExitCode(InterruptHandling.exitCode(for: signal)) }
        if report.status != .completed && report.status != .waitingToMerge { throw ExitCode(1) }
    }
}
