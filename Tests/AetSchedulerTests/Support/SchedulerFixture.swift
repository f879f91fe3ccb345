import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// A real git repository (`main`, one committed `a.txt`), a real SQLite store and a scheduler
/// environment whose agents are small shell scripts run by the real `command` runtime.
struct SchedulerFixture {
    /// The repository (the test kit's fixture); its directory also holds `scripts/`, `state/`, `runs/`
    /// and the store.
    let repository: GitRepositoryFixture
    let store: SQLiteEventStore
    let progress: ProgressLog

    var directory: String { repository.directory }
    var root: String { repository.root }
    var environment: [String: String] { repository.environment }
    var git: Git { repository.git }

    static func with<T>(_ body: (SchedulerFixture) async throws -> T) async throws -> T {
        try await GitRepositoryFixture.with(prefix: "aet-scheduler-tests") { repository in
            for sub in ["scripts", "state", "runs"] {
                try FileManager.default.createDirectory(
                    atPath: repository.directory + "/" + sub, withIntermediateDirectories: true)
            }
            let fixture = SchedulerFixture(
                repository: repository, store: try SQLiteEventStore(path: repository.directory + "/aet.db"),
                progress: ProgressLog())
            defer { try? fixture.store.close() }  // best effort: the directory is removed anyway
            return try await body(fixture)
        }
    }

    // MARK: - Scheduler

    func manager() -> WorkspaceManager { repository.manager() }

    /// The default team with every agent role switched to the `command` runtime running its script
    /// (`/bin/false` for a role without one); the tester keeps running the project's test command.
    func roles(agents: [String: String]) throws -> RoleSet {
        try RoleSet(
            DefaultRoles.files.map { file in
                var role = try Role(parsing: file.text, path: file.fileName)
                if !role.runsProjectTestCommand {
                    role.runtime = .command
                    role.command = agents[role.name] ?? "/bin/false"
                }
                return role
            })
    }

    func stageEnvironment(
        agents: [String: String], settings: SchedulerSettings = SchedulerSettings(retryBackoff: .zero)
    ) throws -> StageEnvironment {
        StageEnvironment(
            store: store, workspaces: manager(), roles: try roles(agents: agents),
            runtimes: ScriptAgents(hostEnvironment: environment), settings: settings,
            runsDirectory: directory + "/runs", actor: "test", progress: { progress.record($0) })
    }

    func runner(agents: [String: String], settings: SchedulerSettings = SchedulerSettings(retryBackoff: .zero)) throws
        -> PipelineRunner
    {
        PipelineRunner(environment: try stageEnvironment(agents: agents, settings: settings))
    }

    func create(_ description: String, mode: TicketMode = .full, dependencies: [TicketID] = []) async throws -> TicketID
    {
        try await TicketService(store: store, actor: "test").create(
            TicketDraft(description: description, mode: mode, dependencies: dependencies))
    }

    func ticket(_ id: TicketID) async throws -> TicketState { try #require(try await store.ticket(id)) }

    /// The ticket's event type names in order.
    func eventTypes(_ id: TicketID) async throws -> [String] {
        try await store.readStream(.ticket(id)).map(\.typeName)
    }

    func events(_ id: TicketID) async throws -> [DomainEvent] {
        try await store.readStream(.ticket(id)).map { try $0.decoded() }
    }

    // MARK: - Agents

    /// Writes an executable shell script and returns the template that runs it.
    func script(_ name: String, _ body: String) throws -> String {
        let path = directory + "/scripts/" + name
        try Data("#!/bin/sh\nset -e\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A script printing `text` (the agent's final message).
    func says(_ name: String, _ text: String) throws -> String {
        try script(name, "cat <<'AET_EOF'\n\(text)\nAET_EOF")
    }

    /// A reviewer that answers the given verdicts in turn (the last one repeats).
    func reviewer(_ verdicts: [String]) throws -> String {
        let counter = directory + "/state/review-count"
        var body = "n=$(cat '\(counter)' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '\(counter)'\n"
        for (index, verdict) in verdicts.enumerated() {
            let reasons = verdict == "approve" ? "[]" : "[\"\(verdict)\"]"
            let decision = verdict == "approve" ? "approve" : "request_changes"
            let condition = index == verdicts.count - 1 ? "true" : "[ $n -eq \(index + 1) ]"
            body +=
                "if \(condition); then printf 'Review done.\\n```json\\n{\"verdict\": \"\(decision)\", \"reasons\": \(reasons)}\\n```\\n'; exit 0; fi\n"
        }
        return try script("reviewer.sh", body)
    }

    /// A developer that writes hello.txt and commits it itself, as some agents do.
    func committingDeveloper() throws -> [String: String] {
        [
            "developer": try script(
                "developer.sh",
                """
                cd "$AET_WORKTREE"
                echo hello > hello.txt
                git add hello.txt
                git -c user.name=agent -c user.email=agent@x commit -qm "agent's own commit"
                echo "Committed hello.txt"
                """)
        ]
    }

    var stateDirectory: String { directory + "/state" }

    // MARK: - Files and git

    func write(_ path: String, _ text: String, in directory: String? = nil) throws {
        try repository.write(path, text, in: directory)
    }

    func read(_ path: String, in directory: String? = nil) -> String? { repository.read(path, in: directory) }

    @discardableResult
    func run(_ arguments: [String], in directory: String? = nil) async throws -> String {
        try await repository.run(arguments, in: directory)
    }
}

/// The `command` runtime for every role: its `command:`, or the project's test command.
struct ScriptAgents: RuntimeProvider {
    var hostEnvironment: [String: String]

    func runtime(for role: Role, stage: Pipeline.Stage, testCommand: String?) throws -> any AgentRuntime {
        let configuration = CommandRuntime.Configuration(hostEnvironment: hostEnvironment)
        if role.runsProjectTestCommand, let testCommand {
            return try ShellCommand.testRuntime(testCommand, configuration: configuration)
        }
        guard let template = role.command else { throw StageError("the role \(role.name) has no command in this test") }
        return try CommandRuntime(template: template, configuration: configuration)
    }
}

/// Collects the scheduler's progress events (the test kit's recorder).
typealias ProgressLog = EventRecorder<ProgressEvent>
