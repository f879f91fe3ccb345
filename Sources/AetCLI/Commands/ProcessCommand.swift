import AetCore
import AetScheduler
import AetStore
import AetWorkspace
import ArgumentParser
import Foundation

/// `aet process [--once] [--watch] [--simple] [--ticket T-n] [--runtime NAME]`: works queued tickets.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Work queued tickets through their pipelines, with live progress, until nothing is left to do.",
        discussion: """
            Each ticket runs in its own git worktree (branch aet/T-n) through plan, design, implement, review, \
            test and integrate; gates send it back with feedback, failed runs are retried with backoff, and \
            what cannot pass goes to the dead-letter queue (aet dlq). Ctrl-C, SIGTERM and SIGHUP stop cleanly: agent \
            process groups are stopped, their runs recorded as interrupted, and the next aet process runs those \
            stages again. A ticket cancelled meanwhile (aet cancel) has its agent stopped within a second. \
            One aet process works a project at a time. Before it takes a ticket it checks that the runtimes \
            of the ticket's roles are installed and have credentials (see aet doctor); when one is not ready, \
            the ticket stays queued and aet process stops with one sentence saying what to fix. Exit status: \
            0 when every ticket worked on completed (or was cancelled), 1 when one failed or went to the DLQ, \
            2 when a runtime is not ready (or on bad input), 128 + the signal when stopped by one \
            (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Flag(help: "Stop after one ticket has been worked to the end.")
    var once = false

    @Flag(help: "Keep running and pick up new tickets as they are created (until Ctrl-C).")
    var watch = false

    @Flag(help: "Run the picked tickets in simple mode: one developer run each (recorded as a mode change).")
    var simple = false

    @Option(help: ArgumentHelp("Work only this ticket.", valueName: "ticket"))
    var ticket: String?

    @Option(
        help: RuntimeNames.help(
            "The runtime of every agent role for this command (overrides AET_RUNTIME and role files)"))
    var runtime: String?

    struct Report: Encodable {
        var tickets: [String: String]
        var stagesRun: Int
        var waiting: [String: String]
        var interrupted: Bool
        var notReady: String?
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "process")
        let only = try ticket.map { text throws(ValidationFailure) in try TicketID(parsing: text) }
        guard !(once && watch) else { throw ValidationFailure("--once and --watch contradict each other: pick one.") }
        let printer = ProgressPrinter(
            sink: context.json ? context.environment.standardError : context.environment.standardOutput,
            variables: context.environment.variables)
        let setup = try PipelineSetup.make(
            context, runtime: runtime, command: "process", progress: { printer.print($0) })
        defer { try? setup.store.close() }  // best effort: the process ends next
        if let only, try await setup.store.ticket(only) == nil {
            throw ValidationFailure("ticket \(only) does not exist: see aet status for the tickets there are.")
        }
        let lockPath = Paths.join(setup.project.aetDirectory, "process.lock")
        guard let lock = try ExclusiveFileLock.tryAcquire(path: lockPath) else {
            throw CommandFailure(
                "another aet process is working this project (it holds \(setup.project.display(lockPath))): wait for it, or stop it with Ctrl-C."
            )
        }
        defer { lock.release() }
        let runner = PipelineRunner(environment: setup.environment)
        let options = RunnerOptions(ticket: only, watch: watch, once: once, forceSimple: simple)
        let (report, signal) = try await InterruptHandling.runReportingSignal(
            enabled: context.environment.handlesSignals,
            onInterrupt: {
                printer.sink.writeLine(
                    "stopping (\(InterruptHandling.name(of: $0))): interrupting the running agents (Ctrl-C again to quit at once)"
                )
            }
        ) {
            try await runner.run(options)
        }
        setup.pruneRuns()
        try emit(report, context: context)
        if report.interrupted { throw ExitCode(InterruptHandling.exitCode(for: signal ?? SIGINT)) }
        if let notReady = report.notReady { throw ValidationFailure(notReady) }
        if report.tickets.values.contains(where: { $0 != .completed && $0 != .cancelled }) { throw ExitCode(1) }
    }

    private func emit(_ report: RunnerReport, context: CommandContext) throws {
        if context.json {
            try context.writeJSON(
                Report(
                    tickets: Dictionary(
                        uniqueKeysWithValues: report.tickets.map { ($0.key.description, $0.value.rawValue) }),
                    stagesRun: report.stagesRun,
                    waiting: Dictionary(uniqueKeysWithValues: report.waiting.map { ($0.key.description, $0.value) }),
                    interrupted: report.interrupted, notReady: report.notReady))
            return
        }
        var lines: [String] = []
        if report.tickets.isEmpty && report.waiting.isEmpty && report.notReady == nil {
            lines.append("nothing to do: no queued tickets")
        }
        for (id, status) in report.tickets.sorted(by: { $0.key < $1.key }) {
            lines.append("\(id): \(status.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
        for (id, reason) in report.waiting.sorted(by: { $0.key < $1.key }) where report.tickets[id] == nil {
            lines.append("\(id): \(reason)")
        }
        if report.interrupted { lines.append("interrupted: the stopped stages run again with the next aet process") }
        context.write(lines: lines)
    }
}
