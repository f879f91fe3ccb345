/// An error from git or from a ticket's workspace. Equal by code.
///
/// `description` is one sentence that is safe to show a user (e.g.
/// `git worktree add failed: invalid reference: main`); `debugDescription` adds the full output
/// of the failing command and where the error was raised.
///
/// ```swift
/// do {
///     _ = try await manager.integrate(workspace)
/// } catch let error as WorkspaceError where error.code == .baseBranchMoved {
///     // The ticket's branch is intact: integrate again.
/// }
/// ```
public struct WorkspaceError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, without payload: compare with `==`, or use ``shortDescription`` as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case gitNotFound = "git_not_found"
            case gitFailed = "git_failed"
            case gitTimedOut = "git_timed_out"
            case outputLimitExceeded = "output_limit_exceeded"
            case invalidBranchName = "invalid_branch_name"
            case unknownBaseBranch = "unknown_base_branch"
            case worktreeConflict = "worktree_conflict"
            case workspaceMissing = "workspace_missing"
            case setupFailed = "setup_failed"
            case setupTimedOut = "setup_timed_out"
            case copyRefused = "copy_refused"
            case copyFailed = "copy_failed"
            case baseCheckedOutAndDirty = "base_checked_out_and_dirty"
            case baseBranchMoved = "base_branch_moved"
            case notIntegrated = "not_integrated"
            case lockTimedOut = "lock_timed_out"
        }

        fileprivate let base: Base

        private init(_ base: Base) { self.base = base }

        /// `git` is not on `PATH` (or the configured executable does not exist).
        public static let gitNotFound = Code(.gitNotFound)
        /// A git command exited with a status aet did not expect.
        public static let gitFailed = Code(.gitFailed)
        /// A git command ran longer than its timeout and was stopped.
        public static let gitTimedOut = Code(.gitTimedOut)
        /// A git command printed more than the configured output limit.
        public static let outputLimitExceeded = Code(.outputLimitExceeded)
        /// A branch name git would refuse or could mistake for an option.
        public static let invalidBranchName = Code(.invalidBranchName)
        /// The base branch does not exist as a local branch.
        public static let unknownBaseBranch = Code(.unknownBaseBranch)
        /// The worktree path or the ticket branch is in a state aet will not take over.
        public static let worktreeConflict = Code(.worktreeConflict)
        /// The ticket's worktree or branch does not exist.
        public static let workspaceMissing = Code(.workspaceMissing)
        /// The worktree setup command exited unsuccessfully.
        public static let setupFailed = Code(.setupFailed)
        /// The worktree setup command ran longer than its timeout and was stopped.
        public static let setupTimedOut = Code(.setupTimedOut)
        /// A file to copy into a worktree would be read or written outside its root.
        public static let copyRefused = Code(.copyRefused)
        /// A file could not be copied into a worktree.
        public static let copyFailed = Code(.copyFailed)
        /// The base branch is checked out in a working tree with uncommitted changes (integration now
        /// returns ``IntegrationResult/waiting(files:reason:)`` instead; kept for callers that match on it).
        public static let baseCheckedOutAndDirty = Code(.baseCheckedOutAndDirty)
        /// The base branch kept moving while aet tried to advance it.
        public static let baseBranchMoved = Code(.baseBranchMoved)
        /// The ticket's branch is not merged into its base branch yet.
        public static let notIntegrated = Code(.notIntegrated)
        /// Another process held the worktree lock for longer than the git timeout.
        public static let lockTimedOut = Code(.lockTimedOut)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    private let message: String
    private let detail: String?
    /// How the process ended, for a failed git or setup command: its exit status, or `nil`.
    public let exitStatus: Int32?
    /// The last lines of a setup command's output (stdout and stderr together), when it failed.
    public let outputTail: String?
    /// Where the error was raised.
    public let file: String
    /// Where the error was raised.
    public let line: Int

    init(
        _ code: Code,
        _ message: String,
        detail: String? = nil,
        exitStatus: Int32? = nil,
        outputTail: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.exitStatus = exitStatus
        self.outputTail = outputTail
        self.file = file
        self.line = line
    }

    /// A short code without payload, for metric labels: e.g. `git_failed`.
    public var shortDescription: String { code.base.rawValue }

    public var description: String { message }

    public var debugDescription: String {
        var text = "WorkspaceError(\(code)): \(message)"
        if let exitStatus { text += " [exit status \(exitStatus)]" }
        if let detail, !detail.isEmpty { text += "\n\(detail)" }
        if let outputTail, !outputTail.isEmpty, detail == nil { text += "\n\(outputTail)" }
        return text + "\nat \(file):\(line)"
    }
}

extension WorkspaceError: Equatable {
    public static func == (lhs: WorkspaceError, rhs: WorkspaceError) -> Bool { lhs.code == rhs.code }
}
