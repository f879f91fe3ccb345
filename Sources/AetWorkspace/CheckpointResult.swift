/// What a checkpoint did.
public struct CheckpointResult: Hashable, Sendable, CustomStringConvertible {
    /// The new commit, or `nil` when nothing had changed ("no changes": no commit was made).
    public let commit: CommitID?
    /// The ticket branch's head afterwards (the new commit, or the unchanged head).
    public let head: CommitID
    /// The commit message used (the one that would have been used when nothing changed).
    public let message: String
    /// The files the new commit changed; empty when nothing changed.
    public let files: [ChangedFile]

    /// Whether a commit was made.
    public var hasChanges: Bool { commit != nil }

    public var description: String {
        guard let commit else { return "no changes" }
        return "\(commit.short) \(message.firstLine) (\(files.count) file\(files.count == 1 ? "" : "s"))"
    }
}
