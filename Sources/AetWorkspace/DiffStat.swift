/// Lines added and removed per file between two commits (`git diff --numstat`).
public struct DiffStat: Hashable, Sendable, CustomStringConvertible {
    /// One file's counts.
    public struct File: Hashable, Sendable {
        /// The path relative to the repository root (the new path for a rename).
        public let path: String
        /// Lines added; 0 for a binary file.
        public let insertions: Int
        /// Lines removed; 0 for a binary file.
        public let deletions: Int
        /// Whether git treated the file as binary (no line counts).
        public let isBinary: Bool
    }

    /// The files, in git's order.
    public let files: [File]

    /// Lines added over all files.
    public var insertions: Int { files.reduce(0) { $0 + $1.insertions } }
    /// Lines removed over all files.
    public var deletions: Int { files.reduce(0) { $0 + $1.deletions } }

    /// `3 files changed, 10 insertions(+), 2 deletions(-)`, like `git diff --shortstat`.
    public var description: String {
        if files.isEmpty { return "no changes" }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(files.count, "file")) changed, \(plural(insertions, "insertion"))(+), "
            + "\(plural(deletions, "deletion"))(-)"
    }

    /// Parses `git diff-tree -r -z -M --numstat A B` output: `added\tdeleted\tpath\0`, or for a rename
    /// `added\tdeleted\t\0old\0new\0`; binary files show `-` for both counts.
    static func parse(_ output: String) -> DiffStat {
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        var files: [File] = []
        while let field = fields.next() {
            let parts = field.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            var path = String(parts[2])
            if path.isEmpty {
                _ = fields.next()  // the old path of a rename
                path = fields.next().map(String.init) ?? ""
            }
            let isBinary = parts[0] == "-" && parts[1] == "-"
            files.append(
                File(path: path, insertions: Int(parts[0]) ?? 0, deletions: Int(parts[1]) ?? 0, isBinary: isBinary)
            )
        }
        return DiffStat(files: files)
    }
}
