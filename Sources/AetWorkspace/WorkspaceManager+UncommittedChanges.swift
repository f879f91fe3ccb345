import Foundation

extension WorkspaceManager {
    /// Whether the user's uncommitted changes in `checkout` touch a file that moving from `old` to `new`
    /// changes: staged or unstaged changes and untracked files (ignored ones too, where the merge would
    /// create a file). `nil` when they do not (or there are none).
    func uncommittedOverlap(in checkout: String, from old: CommitID, to new: CommitID) async throws -> Advance? {
        let changes = try await git.run(
            ["diff", "--name-status", "-z", "--no-renames", old.rawValue, new.rawValue], in: checkout
        ).standardOutput.split(separator: "\0").map(String.init)
        var merged: [String] = []
        var added: [String] = []
        var index = 0
        while index + 1 < changes.count {
            merged.append(changes[index + 1])
            if changes[index].hasPrefix("A") { added.append(changes[index + 1]) }
            index += 2
        }
        guard !merged.isEmpty else { return nil }
        let dirty = try await uncommittedPaths(in: checkout)
        var touched = Set(merged.filter { path in dirty.contains { Self.overlaps(path, $0) } })
        // An ignored file (not in `git status`) where the merge creates one, or a file where it needs a directory.
        for path in added where !touched.contains(path) {
            if Self.occupied(path, in: checkout) { touched.insert(path) }
        }
        guard !touched.isEmpty else { return nil }
        let files = touched.sorted()
        let listed =
            files.prefix(10).joined(separator: ", ") + (files.count > 10 ? " and \(files.count - 10) more" : "")
        return .waiting(files: files, reason: "your uncommitted changes in \(checkout) touch \(listed)")
    }

    /// The paths `git status` lists in `checkout`: staged, unstaged, unmerged and untracked (each file).
    func uncommittedPaths(in checkout: String) async throws -> [String] {
        let output = try await git.run(
            ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"], in: checkout
        ).standardOutput
        return output.split(separator: "\0").compactMap { entry in
            entry.count > 3 ? String(entry.dropFirst(3)) : nil
        }
    }

    /// The same path, or one inside the other (a directory and a file in it).
    static func overlaps(_ a: String, _ b: String) -> Bool {
        a == b || a.hasPrefix(b.hasSuffix("/") ? b : b + "/") || b.hasPrefix(a.hasSuffix("/") ? a : a + "/")
    }

    /// Whether something on disk is where the merge creates `path`: the path itself, or a non-directory
    /// where one of its parent directories must be.
    static func occupied(_ path: String, in checkout: String) -> Bool {
        if FileSystem.entry(at: checkout + "/" + path) != .missing { return true }
        var parent = ""
        for component in path.split(separator: "/").dropLast() {
            parent += (parent.isEmpty ? "" : "/") + component
            switch FileSystem.entry(at: checkout + "/" + parent) {
            case .missing: return false
            case .directory: continue
            case .file, .symbolicLink, .other: return true
            }
        }
        return false
    }
}
