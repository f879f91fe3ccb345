/// A file that a commit (or a range of commits) changed, as `git diff --name-status` reports it.
public struct ChangedFile: Hashable, Sendable, CustomStringConvertible {
    /// How a file changed.
    public enum Kind: Hashable, Sendable {
        /// The file is new.
        case added
        /// The file's content or mode changed.
        case modified
        /// The file was removed.
        case deleted
        /// The file was moved (possibly with changes) from the given path.
        case renamed(from: String)
        /// The file changed type (e.g. a regular file became a symbolic link).
        case typeChanged
    }

    /// The path relative to the repository root (the new path for a rename).
    public let path: String
    /// How the file changed.
    public let kind: Kind

    /// Creates a changed-file entry.
    /// - Parameters:
    ///   - path: The path relative to the repository root.
    ///   - kind: How it changed.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .added: "A \(path)"
        case .modified: "M \(path)"
        case .deleted: "D \(path)"
        case .renamed(let from): "R \(from) -> \(path)"
        case .typeChanged: "T \(path)"
        }
    }

    /// Parses `git diff-tree -r -z -M --name-status A B` output.
    /// - Parameter output: NUL-separated entries: a status (`A`, `M`, `D`, `T`, `R<score>`, `C<score>`)
    ///   then one path, or two for renames and copies.
    /// - Returns: The entries in git's order; an unknown status is reported as ``Kind/modified``.
    static func parseNameStatus(_ output: String) -> [ChangedFile] {
        var fields = output.split(separator: "\0", omittingEmptySubsequences: false).makeIterator()
        var files: [ChangedFile] = []
        while let status = fields.next() {
            guard let letter = status.first else { continue }
            guard let path = fields.next() else { break }
            switch letter {
            case "A": files.append(ChangedFile(path: String(path), kind: .added))
            case "D": files.append(ChangedFile(path: String(path), kind: .deleted))
            case "T": files.append(ChangedFile(path: String(path), kind: .typeChanged))
            case "R":
                guard let newPath = fields.next() else { break }
                files.append(ChangedFile(path: String(newPath), kind: .renamed(from: String(path))))
            case "C":
                guard let newPath = fields.next() else { break }
                files.append(ChangedFile(path: String(newPath), kind: .added))
            default: files.append(ChangedFile(path: String(path), kind: .modified))
            }
        }
        return files
    }
}
