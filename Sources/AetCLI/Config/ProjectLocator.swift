import AetCore
import Foundation

/// Finds the git repository and the aet project around a directory, by walking up.
enum ProjectLocator {
    /// A git repository: its working-tree root and its git directory.
    struct GitRepository: Equatable {
        /// The directory holding `.git`.
        var root: String
        /// The git directory (`.git`, or where a `.git` file's `gitdir:` points for worktrees and submodules).
        var gitDirectory: String
    }

    /// The nearest repository containing `directory`: a `.git` directory, or a `.git` file with `gitdir: …`.
    static func gitRepository(containing directory: String) -> GitRepository? {
        for candidate in Paths.ancestors(of: directory) {
            let dotGit = Paths.join(candidate, ".git")
            if Paths.isDirectory(dotGit) { return GitRepository(root: candidate, gitDirectory: dotGit) }
            guard Paths.exists(dotGit) else { continue }
            // A `.git` file (worktree or submodule): "gitdir: <path>", relative to the file's directory.
            // An unreadable one still marks a repository; its branch is then unknown.
            let text = (try? Paths.readText(dotGit)).flatMap { $0 } ?? ""
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let target = line.hasPrefix("gitdir:") ? line.dropFirst(7).trimmingCharacters(in: .whitespaces) : ""
            let gitDirectory = target.isEmpty ? dotGit : Paths.resolve(target, against: candidate)
            return GitRepository(root: candidate, gitDirectory: gitDirectory)
        }
        return nil
    }

    /// The branch `HEAD` points at (`ref: refs/heads/X` → `X`), or nil when detached or unreadable.
    static func currentBranch(of repository: GitRepository) -> String? {
        // An unreadable HEAD means "branch unknown": the caller falls back to main.
        guard let text = (try? Paths.readText(Paths.join(repository.gitDirectory, "HEAD"))).flatMap({ $0 }) else {
            return nil
        }
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = "ref: refs/heads/"
        guard line.hasPrefix(prefix) else { return nil }
        let branch = String(line.dropFirst(prefix.count))
        return branch.isEmpty ? nil : branch
    }

    /// The nearest directory at or above `directory` that holds a `.aet/` directory.
    /// - Throws: ``ValidationFailure`` when the nearest `.aet` is not a directory (a file of that name).
    static func project(containing directory: String) throws(ValidationFailure) -> ProjectPaths? {
        for candidate in Paths.ancestors(of: directory) {
            let aet = Paths.join(candidate, ".aet")
            if Paths.isDirectory(aet) { return ProjectPaths(root: candidate) }
            if Paths.exists(aet) { throw notADirectory(aet) }
        }
        return nil
    }

    /// The error for a `.aet` that is not a directory.
    static func notADirectory(_ path: String) -> ValidationFailure {
        ValidationFailure("\(path) is a file, not aet's directory: move it away (or rename it), then run aet init.")
    }
}
