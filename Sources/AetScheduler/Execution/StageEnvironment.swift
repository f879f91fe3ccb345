public import AetAgents
import AetCore
public import AetStore
public import AetWorkspace
public import Logging

/// Everything a stage run needs from outside: the store, the repository's workspaces, the roles,
/// the runtimes, the settings, and where to put run directories and progress.
public struct StageEnvironment: Sendable {
    public var store: any EventStore
    public var workspaces: WorkspaceManager
    public var roles: RoleSet
    public var runtimes: any RuntimeProvider
    public var settings: SchedulerSettings
    /// Where each run gets its directory (`<runsDirectory>/<run id>`), e.g. `.aet/runs`.
    public var runsDirectory: String
    /// Variables passed to every agent run (already allow-listed by the caller).
    public var runEnvironment: [String: String]
    /// The event metadata's actor, e.g. `aet process`.
    public var actor: String
    /// Receives progress (called on the executor's task; keep it quick).
    public var progress: @Sendable (ProgressEvent) -> Void
    public var logger: Logger

    public init(
        store: any EventStore,
        workspaces: WorkspaceManager,
        roles: RoleSet,
        runtimes: any RuntimeProvider,
        settings: SchedulerSettings,
        runsDirectory: String,
        runEnvironment: [String: String] = [:],
        actor: String = "aet",
        progress: @escaping @Sendable (ProgressEvent) -> Void = { _ in },
        logger: Logger = Logger(label: "aet.scheduler")
    ) {
        self.store = store
        self.workspaces = workspaces
        self.roles = roles
        self.runtimes = runtimes
        self.settings = settings
        self.runsDirectory = runsDirectory
        self.runEnvironment = runEnvironment
        self.actor = actor
        self.progress = progress
        self.logger = logger
    }
}
