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
    /// The project's test command (`sh -c`), run by the test gate; nil: the test stage is skipped with that reason.
    var testCommand: String? = nil
    /// The runtime of roles whose file names none (`claude` when nil); `--runtime` and `AET_RUNTIME` override it.
    var defaultRuntime: String? = nil
    /// How many stage runs go at once (one per ticket).
    var concurrency: Int = 1
    /// Failed runs of one stage in a row before the ticket goes to the dead-letter queue.
    var maxRunAttempts: Int = 3
    /// The first pause before a retry, in seconds (doubled per retry, at most 120).
    var retryBackoffSeconds: Int = 5
    /// A shell command run once in each new worktree (e.g. `npm ci`).
    var worktreeSetup: String? = nil
    /// Untracked files copied from the main checkout into each new worktree (e.g. `.env`).
    var worktreeCopy: [String] = []
    /// How many run directories (prompts, raw output, transcripts) `.aet/runs/` keeps; older ones are removed.
    var keepRuns: Int = 500
    /// The budget of new tickets (`aet create --budget` overrides it); unlimited by default.
    var ticketBudget = TicketBudget()
    /// Per-runtime settings: `runtimes.<name>.<key>`, e.g. `runtimes.claude.executable`, `runtimes.openai.base_url`.
    var runtimes: [String: [String: String]] = [:]

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
