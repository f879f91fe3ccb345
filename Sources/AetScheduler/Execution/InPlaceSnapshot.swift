import AetWorkspace
import Foundation

/// The user's working tree as `aet simple` (in place) found it before the agent ran, so that afterwards
/// the checkout is left as the agent's edits alone would leave it:
/// - the git index is put back byte for byte (an agent's `git add` does not stage anything for the user),
///   unless the agent moved `HEAD` (it committed: then the index belongs to the new commit and stays);
/// - agent scratch files the run created (aider's `.aider*` history and tags cache) are removed;
/// - the changed files are those whose status or content changed, scratch files never among them.
struct InPlaceSnapshot {
    /// The repository's top level, which status paths are relative to.
    let root: String
    /// The index file and its bytes before the run (nil bytes: there was none).
    let indexPath: String
    let index: Data?
    /// `git status` entries (`XY path`) before the run.
    let status: Set<String>
    /// The content hash of every file `git status` listed before the run.
    let hashes: [String: String]
    /// The scratch entries that existed before the run (the user's own; never removed).
    let scratch: Set<String>
    /// The branch and commit `HEAD` named before the run.
    let head: Head

    /// Takes the snapshot; nil when `directory` is not inside a git working tree.
    static func take(of directory: String, git: Git) async -> InPlaceSnapshot? {
        // nil: not a git working tree, so there is no index to keep and no status to compare.
        // One git for both (start-up time of `aet simple` is measured: BENCHMARKS.md).
        guard let paths = try? await git.run(["rev-parse", "--show-toplevel", "--git-path", "index"], in: directory)
        else { return nil }
        let lines = paths.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count == 2 else { return nil }
        let root = lines[0]
        let index = lines[1].hasPrefix("/") ? lines[1] : directory + "/" + lines[1]
        async let head = head(in: root, git: git)
        let status = await statusEntries(in: root, git: git)
        return InPlaceSnapshot(
            root: root, indexPath: index, index: FileManager.default.contents(atPath: index), status: status,
            hashes: await contentHashes(of: status.map(path(of:)), in: root, git: git),
            scratch: scratchEntries(in: root), head: await head)
    }

    /// Removes the scratch files the run created and puts the index back as it was (when `HEAD` did not move).
    /// - Returns: Whether the index was put back.
    /// - Throws: A file-system error when a scratch file cannot be removed or the index cannot be written back.
    @discardableResult
    func restore(git: Git) async throws -> Bool {
        let manager = FileManager.default
        for entry in Self.scratchEntries(in: root).subtracting(scratch) {
            try manager.removeItem(atPath: root + "/" + entry)
        }
        guard await Self.head(in: root, git: git) == head else { return false }
        if let index {
            // Written beside it and renamed over it in one step, as git itself replaces its index.
            try index.write(to: URL(fileURLWithPath: indexPath), options: .atomic)
        } else if manager.fileExists(atPath: indexPath) {
            try manager.removeItem(atPath: indexPath)
        }
        return true
    }

    /// What `HEAD` names: a branch (nil: detached) and a commit (nil: unborn).
    struct Head: Equatable {
        var branch: String?
        var commit: String?
    }

    private static func head(in root: String, git: Git) async -> Head {
        // nil output: git failed; then the part is unknown, as on an unborn or detached HEAD.
        async let branchOutput = try? git.run(["symbolic-ref", "-q", "HEAD"], in: root, acceptedExitCodes: [0, 1])
        async let commitOutput = try? git.run(
            ["rev-parse", "-q", "--verify", "HEAD"], in: root, acceptedExitCodes: [0, 1])
        let (branch, commit) = await (branchOutput, commitOutput)
        func text(_ output: Git.Output?) -> String? {
            let value = output?.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return value.isEmpty ? nil : value
        }
        return Head(branch: text(branch), commit: text(commit))
    }

    /// The files the run changed: a new or different `git status` entry, or different content, scratch
    /// files left out.
    func changedFiles(git: Git) async -> [String] {
        let after = await Self.statusEntries(in: root, git: git)
        var changed = Set(after.subtracting(status).map(Self.path(of:)))
        let listedBefore = Array(hashes.keys)
        let now = await Self.contentHashes(of: listedBefore, in: root, git: git)
        for path in listedBefore where now[path] != hashes[path] { changed.insert(path) }
        // The agent committed: what its commits changed counts too.
        if let before = head.commit, let after = await Self.head(in: root, git: git).commit, before != after,
            // nil: unrelated history
            let diff = try? await git.run(["diff", "--name-only", "-z", "--no-renames", before, after], in: root)
        {
            changed.formUnion(diff.standardOutput.split(separator: "\0").map(String.init))
        }
        return changed.filter { !Self.isScratch($0) }.sorted()
    }

    /// Whether a path is an agent's scratch file (its first component starts with `.aider`).
    static func isScratch(_ path: String) -> Bool {
        path.split(separator: "/").first?.hasPrefix(".aider") == true
    }

    private static func scratchEntries(in root: String) -> Set<String> {
        // An unreadable root has no entries to compare; the status check still runs.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return Set(names.filter { $0.hasPrefix(".aider") })
    }

    private static func path(of entry: String) -> String { String(entry.dropFirst(3)) }

    private static func statusEntries(in root: String, git: Git) async -> Set<String> {
        // nil output (git failed): no entries, so every file the run touches counts as changed.
        guard
            let output = try? await git.run(
                ["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"], in: root)
        else { return [] }
        return Set(output.standardOutput.split(separator: "\0").map(String.init).filter { $0.count > 3 })
    }

    /// `git hash-object` of each regular file among `paths` (a deleted file, a link or a directory has no hash).
    private static func contentHashes(of paths: [String], in root: String, git: Git) async -> [String: String] {
        let files = paths.filter { path in
            // attributesOfItem does not follow a final link; nil (vanished) means no hash.
            let type =
                (try? FileManager.default.attributesOfItem(atPath: root + "/" + path))?[.type] as? FileAttributeType
            return type == .typeRegular && !path.contains("\n")
        }
        guard !files.isEmpty,
            // nil: a file vanished meanwhile; then no file has a hash and only status changes count.
            let output = try? await git.run(
                ["hash-object", "--no-filters", "--stdin-paths"], in: root, input: files.joined(separator: "\n") + "\n")
        else { return [:] }
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        guard lines.count == files.count else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(files, lines))
    }
}
