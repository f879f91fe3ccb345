import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetWorkspace
import Foundation

/// Measures aet's orchestration overhead with instant agents: every agent role runs `true` (the reviewer `printf` of an approval) through
/// the `command` runtime and the test command is `true`, so what is left is aet's own work per stage
/// (events, worktree, prompt, run directory, spawn; checkpoint; gate and events) and git's.
struct PipelineBenchmark {
    var tickets: Int
    var directory: String

    struct Report: Encodable {
        var tickets: Int
        var stages: Int
        var seconds: Double
        var toSpawn: DurationStats
        var agent: DurationStats
        var toCheckpoint: DurationStats
        var toRecorded: DurationStats
        var perStageTotal: DurationStats
        var perTicket: DurationStats
    }

    func run(progress: (String) -> Void) async throws -> Report {
        let root = directory + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let git = Git()
        try Data("bench\n".utf8).write(to: URL(fileURLWithPath: root + "/README.md"))
        try await git.run(["init", "--quiet", "-b", "main"], in: root)
        try await git.run(["add", "-A"], in: root)
        try await git.run(["commit", "--quiet", "-m", "initial"], in: root)

        let store = try SQLiteEventStore(path: directory + "/aet.db")
        defer { try? store.close() }  // best effort: the directory is removed afterwards
        let roles = try RoleSet(
            DefaultRoles.files.map { file in
                var role = try Role(parsing: file.text, path: file.fileName)
                if !role.runsProjectTestCommand {
                    role.runtime = .command
                    // The reviewer must still answer with a verdict; printf is as instant as true.
                    role.command = role.name == "reviewer" ? Self.approve : "true"
                    role.allowNoChanges = true  // instant agents change nothing, on purpose
                }
                return role
            })
        let collector = TimingCollector()
        let environment = StageEnvironment(
            store: store, workspaces: WorkspaceManager(repositoryRoot: root), roles: roles,
            runtimes: InstantRuntimes(hostEnvironment: ProcessInfo.processInfo.environment),
            settings: SchedulerSettings(retryBackoff: .zero, testCommand: "true"),
            runsDirectory: directory + "/runs", actor: "bench", progress: { collector.add($0) })
        let service = TicketService(store: store, actor: "bench")
        for index in 1...tickets { _ = try await service.create(TicketDraft(description: "bench ticket \(index)")) }
        progress("\(tickets) full-mode tickets, 6 stages each, agents and test command `true`")
        let clock = ContinuousClock()
        let started = clock.now
        var perTicket: [Duration] = []
        let runner = PipelineRunner(environment: environment)
        for index in 1...tickets {
            let ticketStart = clock.now
            let report = try await runner.run(RunnerOptions(ticket: TicketID(index)))
            guard report.tickets[TicketID(index)] == .completed else {
                throw CommandFailure("bench ticket T-\(index) did not complete: \(report.tickets)")
            }
            perTicket.append(ticketStart.duration(to: clock.now))
        }
        let elapsed = started.duration(to: clock.now)
        let timings = collector.timings
        return Report(
            tickets: tickets, stages: timings.count,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            toSpawn: DurationStats(timings.map(\.toSpawn)), agent: DurationStats(timings.map(\.agent)),
            toCheckpoint: DurationStats(timings.map(\.toCheckpoint)),
            toRecorded: DurationStats(timings.map(\.toRecorded)),
            perStageTotal: DurationStats(timings.map { $0.toSpawn + $0.agent + $0.toCheckpoint + $0.toRecorded }),
            perTicket: DurationStats(perTicket))
    }

    static let approve = #"printf '%s\n' '```json' '{{"verdict": "approve", "reasons": []}}' '```'"#

    private struct InstantRuntimes: RuntimeProvider {
        var hostEnvironment: [String: String]
        func runtime(for role: Role, stage: Pipeline.Stage, testCommand: String?) throws -> any AgentRuntime {
            let configuration = CommandRuntime.Configuration(hostEnvironment: hostEnvironment)
            if role.runsProjectTestCommand {
                return try ShellCommand.testRuntime(testCommand ?? "true", configuration: configuration)
            }
            return try CommandRuntime(template: role.command ?? "true", configuration: configuration)
        }
    }

    private final class TimingCollector: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var values: [StageTimings] = []
        func add(_ event: ProgressEvent) {
            guard case .timings(_, _, let timings) = event else { return }
            lock.withLock { values.append(timings) }
        }
        var timings: [StageTimings] { lock.withLock { values } }
    }
}
