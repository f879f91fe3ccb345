import AetCore
import Logging

/// A project's settings, as kept in `.aet/config.yaml`.
struct ProjectConfig: Sendable, Equatable {
    /// The branch tickets start from and are merged into.
    var baseBranch: String
    /// The stages of full mode and the bound on send-backs.
    var pipeline: Pipeline
    /// The lowest level written to `.aet/logs/aet.log`.
    var logLevel: Logger.Level
    /// The store file, relative to `.aet/` unless absolute.
    var store: String

    /// The defaults `aet init` writes.
    /// - Parameter baseBranch: The repository's current branch, or `main`.
    init(
        baseBranch: String = "main",
        pipeline: Pipeline = .default,
        logLevel: Logger.Level = .info,
        store: String = "aet.db"
    ) {
        self.baseBranch = baseBranch
        self.pipeline = pipeline
        self.logLevel = logLevel
        self.store = store
    }
}
