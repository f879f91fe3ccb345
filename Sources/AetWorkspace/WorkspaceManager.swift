public import AetCore
public import Logging

/// Creates, checkpoints, integrates and removes the git worktrees that tickets are worked on in.
///
/// Each ticket `T-<n>` gets the worktree `<root>/.aet/worktrees/T-<n>` on branch `aet/T-<n>`, started
/// from its base branch. The user's own working tree, index and uncommitted changes are never
/// touched: every command runs with `-C <worktree>` or works on refs and objects only (see
/// docs/workspaces.md for the one exception: a checkout of the base branch gets the merged files,
/// only when none of the user's uncommitted changes touch them).
///
/// ```swift
/// let manager = WorkspaceManager(repositoryRoot: root, configuration: .init(), logger: logger)
/// let workspace = try await manager.prepare(ticket: TicketID(12), baseBranch: "main")
/// // … an agent edits files in workspace.path …
/// let checkpoint = try await manager.checkpoint(workspace, stage: .implement, summary: "Add rate limiting")
/// switch try await manager.integrate(workspace) {
/// case .conflict(let files, _): print("conflict in", files)  // back to `implement`
/// case .waiting(_, let reason): print("waiting:", reason)     // the user's edits are in the way: later
/// default: try await manager.cleanup(workspace)
/// }
/// ```
///
/// The manager holds no mutable state; callers serialise integrations into one base branch with
/// the integration lock. Every operation is safe to repeat after a crash or failure.
public struct WorkspaceManager: Sendable {
    /// How integration builds the merge result (it never uses the user's working tree either way).
    public enum IntegrationMethod: Hashable, Sendable {
        /// `mergeTree` when git is 2.38 or newer, else `temporaryWorktree`.
        case automatic
        /// `git merge-tree --write-tree` + `git commit-tree`: no working tree at all (git ≥ 2.38).
        case mergeTree
        /// `git merge` in a temporary detached worktree that is removed afterwards.
        case temporaryWorktree
    }

    /// How workspaces are laid out and set up.
    public struct Configuration: Sendable {
        /// Where worktrees live: relative to the repository root, or absolute.
        public var worktreesDirectory: String
        /// A shell command (`/bin/sh -c`) run once in each new worktree, e.g. `npm ci`; `nil` for none.
        public var setupCommand: String?
        /// How long the setup command may run before its whole process group is stopped.
        public var setupTimeout: Duration
        /// The environment the setup command starts from (`nil`: this process's), scrubbed like git's,
        /// plus `AET_TICKET`, `AET_WORKTREE` and `AET_REPOSITORY`.
        public var setupEnvironment: [String: String]?
        /// Untracked files copied from the main checkout into each new worktree (e.g. `.env`), as
        /// paths relative to the repository root. They are never committed by checkpoints.
        public var copiedFiles: [String]
        /// How integration builds a merge.
        public var integrationMethod: IntegrationMethod
        /// How git is run (identity, timeout, environment, hooks).
        public var git: Git.Configuration

        /// Creates the default configuration: `.aet/worktrees`, no setup (10-minute timeout when set),
        /// nothing copied, automatic integration method, default git configuration.
        public init() {
            worktreesDirectory = ".aet/worktrees"
            setupCommand = nil
            setupTimeout = .seconds(600)
            setupEnvironment = nil
            copiedFiles = []
            integrationMethod = .automatic
            git = .init()
        }
    }

    /// The repository's root (the main working tree), canonical and absolute.
    public let repositoryRoot: String
    /// The configuration.
    public let configuration: Configuration
    /// The git runner every command goes through.
    public let git: Git
    let logger: Logger

    /// Creates a manager for the repository whose main working tree is at `repositoryRoot`.
    /// - Parameters:
    ///   - repositoryRoot: The top-level directory of the repository's main working tree.
    ///   - configuration: Layout, setup and git settings.
    ///   - logger: Where operations are logged (debug level; each git command at trace level); by default
    ///     the task-local `Logger.current`.
    public init(repositoryRoot: String, configuration: Configuration = .init(), logger: Logger = .current) {
        self.repositoryRoot = FileSystem.canonical(repositoryRoot)
        self.configuration = configuration
        self.git = Git(configuration: configuration.git, logger: logger)
        self.logger = logger
    }

    /// The directory holding every ticket's worktree.
    public var worktreesDirectory: String {
        FileSystem.canonical(FileSystem.absolute(configuration.worktreesDirectory, against: repositoryRoot))
    }

    /// The worktree path for a ticket: `<worktreesDirectory>/T-<n>`.
    /// - Parameter ticket: The ticket.
    /// - Returns: An absolute path (which may not exist yet).
    public func worktreePath(for ticket: TicketID) -> String { worktreesDirectory + "/\(ticket)" }

    /// Describes a ticket's workspace without creating or checking anything (e.g. to clean up after a restart).
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - baseBranch: Its base branch.
    /// - Returns: The workspace value; ``Workspace/isNew`` is `false`.
    public func workspace(for ticket: TicketID, baseBranch: String) -> Workspace {
        Workspace(ticket: ticket, baseBranch: baseBranch, path: worktreePath(for: ticket), isNew: false)
    }

    /// The ticket workspaces that exist now (worktrees under ``worktreesDirectory`` on an `aet/T-<n>` branch).
    /// - Parameter baseBranch: The base branch to record in each value (git does not know it).
    /// - Returns: The workspaces, ordered by ticket.
    /// - Throws: ``WorkspaceError`` when git fails.
    public func workspaces(baseBranch: String) async throws -> [Workspace] {
        try await listWorktrees().compactMap { entry -> Workspace? in
            // A branch under aet/ that is not a ticket id is not a ticket workspace.
            guard let branch = entry.branch, branch.hasPrefix("refs/heads/aet/"),
                let ticket = try? TicketID(parsing: String(branch.dropFirst("refs/heads/aet/".count))),
                entry.path == worktreePath(for: ticket)
            else { return nil }
            return workspace(for: ticket, baseBranch: baseBranch)
        }.sorted { $0.ticket < $1.ticket }
    }

    /// Removes git's records of worktrees whose directories are gone (`git worktree prune`).
    /// - Throws: ``WorkspaceError`` when git fails.
    public func prune() async throws {
        try await withWorktreeLock { try await git.run(["worktree", "prune"], in: repositoryRoot) }
    }

    // MARK: - Shared helpers

    /// Refuses a branch name git would reject or could read as an option.
    static func validate(branch: String) throws {
        do { try BranchName.validate(branch) } catch {
            throw WorkspaceError(.invalidBranchName, error.message)
        }
    }

    /// The commit a local branch points at, or `nil` when there is no such branch.
    func resolve(branch: String) async throws -> CommitID? {
        let output = try await git.run(
            ["rev-parse", "--verify", "--quiet", "refs/heads/\(branch)^{commit}"],
            in: repositoryRoot,
            acceptedExitCodes: [0, 1]
        )
        return output.exitStatus == 0 ? CommitID(output.standardOutput) : nil
    }

    /// The commit of a local branch that must exist.
    func requireBase(_ branch: String) async throws -> CommitID {
        try Self.validate(branch: branch)
        guard let commit = try await resolve(branch: branch) else {
            throw WorkspaceError(
                .unknownBaseBranch,
                "the base branch '\(branch)' does not exist in \(repositoryRoot): create it or choose an existing branch."
            )
        }
        return commit
    }

    /// Whether `ancestor` is reachable from `descendant` (`git merge-base --is-ancestor`).
    func isAncestor(_ ancestor: CommitID, of descendant: CommitID) async throws -> Bool {
        let output = try await git.run(
            ["merge-base", "--is-ancestor", ancestor.rawValue, descendant.rawValue],
            in: repositoryRoot,
            acceptedExitCodes: [0, 1]
        )
        return output.exitStatus == 0
    }

    /// Refuses a workspace value that does not describe this manager's worktree for its ticket.
    func checkOwnership(_ workspace: Workspace) throws {
        guard workspace.path == worktreePath(for: workspace.ticket) else {
            throw WorkspaceError(
                .worktreeConflict,
                "the workspace of \(workspace.ticket) at \(workspace.path) does not belong to the repository at \(repositoryRoot)."
            )
        }
        try Self.validate(branch: workspace.baseBranch)
    }
}
