import Foundation

/// Walks a directory of the worktree depth first, names sorted, without following symbolic links
/// and skipping `.git`, up to a number of entries.
struct FileTreeWalker {
    struct Entry {
        /// The absolute path.
        var absolute: String
        /// The path relative to the worktree root.
        var relative: String
        var isDirectory: Bool
        var isRegularFile: Bool
    }

    var limit: Int

    /// The entries under `directory` (not itself): each directory followed by its contents.
    /// - Returns: The entries and whether the limit cut the walk short.
    func walk(_ directory: ResolvedPath) -> (entries: [Entry], truncated: Bool) {
        var entries: [Entry] = []
        let complete = visit(directory, into: &entries)
        return (entries, !complete)
    }

    /// Appends the entries under `directory`; false when the limit was reached.
    private func visit(_ directory: ResolvedPath, into entries: inout [Entry]) -> Bool {
        // An unreadable directory is listed as empty.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.absolute)) ?? []
        for name in names.sorted() where name != ".git" {
            guard entries.count < limit else { return false }
            let absolute = directory.absolute + "/" + name
            let relative = directory.relative == "." ? name : directory.relative + "/" + name
            // attributesOfItem does not follow a final symbolic link (lstat).
            let type = (try? FileManager.default.attributesOfItem(atPath: absolute))?[.type] as? FileAttributeType
            let isDirectory = type == .typeDirectory
            entries.append(
                Entry(
                    absolute: absolute,
                    relative: relative,
                    isDirectory: isDirectory,
                    isRegularFile: type == .typeRegular
                )
            )
            if isDirectory, !visit(ResolvedPath(absolute: absolute, relative: relative), into: &entries) {
                return false
            }
        }
        return true
    }
}
