import AetAgents
import AetCore
import AetScheduler
import AetStore
import AetWorkspace
import Foundation

/// What `aet process`, `aet simple` and `aet demo` share: the project's store, workspaces, roles,
/// runtimes and scheduler settings, built from `.aet/config.yaml`, the command line and the environment.
struct PipelineSetup {
    let context: CommandContext
    let project: ProjectPaths
    let store: SQLiteEventStore
    let environment: StageEnvironment
    let factory: RuntimeFactory
    let keepRuns: Int

    /// - Parameters:
    ///   - context: The resolved command context (must be inside an aet project).
    ///   - runtime: `--runtime`, else `AET_RUNTIME`.
    ///   - command: The command's name, for the event actor.
    ///   - progress: Where progress lines go.
    static func make(
        _ context: CommandContext, runtime: String?, command: String,
        progress: @escaping @Sendable (ProgressEvent) -> Void
    ) throws -> PipelineSetup {
        guard let project = context.project else {
            throw ValidationFailure("no aet project here: run aet init in your git repository first.")
        }
        let override = try runtimeOverride(runtime, context.environment.variables["AET_RUNTIME"])
        return try make(
            context, project: project, config: context.config, storePath: context.storePath,
            hostEnvironment: context.environment.variables, override: override, command: command, progress: progress)
    }

    /// Builds the setup for an explicit project (the demo's throwaway repository).
    static func make(
        _ context: CommandContext, project: ProjectPaths, config: ProjectConfig, storePath: String,
        hostEnvironment: [String: String], override: RuntimeID?, command: String,
        progress: @escaping @Sendable (ProgressEvent) -> Void
    ) throws -> PipelineSetup {
        let roles = try project.roleLoader.load()
        try roles.check(config.pipeline)
        try roles.check(.simple)

        var workspace = WorkspaceManager.Configuration()
        workspace.setupCommand = config.worktreeSetup
        workspace.copiedFiles = config.worktreeCopy
        let manager = WorkspaceManager(
            repositoryRoot: project.root, configuration: workspace,
            logger: context.logging.makeLogger(label: "aet.workspace"))

        var settings = SchedulerSettings(
            pipeline: config.pipeline, maxRunAttempts: config.maxRunAttempts,
            retryBackoff: .seconds(config.retryBackoffSeconds), testCommand: config.testCommand,
            concurrency: config.concurrency)
        settings.maxRetryBackoff = .seconds(max(120, config.retryBackoffSeconds))

        let factory = RuntimeFactory(
            config: config, hostEnvironment: hostEnvironment, override: override, root: project.root)
        let runs = Paths.join(project.aetDirectory, "runs")
        try Paths.createDirectory(runs, private: true)
        let now = context.environment.now
        let store = try SQLiteEventStore(
            path: storePath, now: { Timestamp(now()) }, logger: context.logging.makeLogger(label: "aet.store"))
        let environment = StageEnvironment(
            store: store, workspaces: manager, roles: roles, runtimes: factory, settings: settings,
            runsDirectory: runs, actor: CommandContext.actor(command), progress: progress,
            logger: context.logging.makeLogger(label: "aet.scheduler"))
        return PipelineSetup(
            context: context, project: project, store: store, environment: environment, factory: factory,
            keepRuns: config.keepRuns)
    }

    static func runtimeOverride(_ flag: String?, _ variable: String?) throws(ValidationFailure) -> RuntimeID? {
        let (value, source): (String?, String) =
            flag != nil ? (flag, "--runtime") : (variable.flatMap { $0.isEmpty ? nil : $0 }, "AET_RUNTIME")
        guard let value else { return nil }
        guard RuntimeNames.all.contains(value) else {
            throw ValidationFailure(
                "\(source) names an unknown runtime '\(value.prefix(40))': use \(RuntimeNames.all.joined(separator: ", "))."
            )
        }
        return RuntimeID(rawValue: value)
    }

    /// Removes the oldest run directories beyond `agents.keep_runs`.
    func pruneRuns() {
        let directory = environment.runsDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory),  // nil: nothing to prune
            names.count > keepRuns
        else { return }
        let dated = names.compactMap { name -> (String, Date)? in
            let path = directory + "/" + name
            guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            else { return nil }  // nil: vanished
            return (path, date)
        }.sorted { $0.1 < $1.1 }
        for (path, _) in dated.prefix(dated.count - keepRuns) {
            try? FileManager.default.removeItem(atPath: path)  // best effort: retention, not correctness
        }
    }
}
