import AetCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Confines every path an agent's tool touches to its worktree.
///
/// A path is taken relative to the worktree root (absolute paths are accepted only when they
/// lead inside it), normalized (`.` and `..`), and then resolved for real: the longest prefix that
/// exists is passed through `realpath` (so every symbolic link on the way is followed), the
/// components that do not exist yet are appended, and the result must still lie inside the
/// worktree's real path. Refused, with a reason: an empty path, NUL or control characters,
/// backslashes, percent-encoded characters, a leading `~`, invisible or direction-changing
/// characters, overlong paths and components, `..`
/// leading out, an absolute path elsewhere, a symbolic link whose target is outside (or does not
/// exist), and, for writes, anything inside `.git` or a name some file system takes for it
/// (``GitPathRules``: `.GIT`, `.git.`, `git~1`, …), which git itself refuses.
///
/// ```swift
/// let guard = PathGuard(root: "/repo/.aet/worktrees/T-12")
/// let file = try guard.resolve("Sources/main.swift", for: .write)   // file.absolute, file.relative
/// try guard.resolve("../../etc/passwd", for: .read)                  // throws PathRefusal
/// ```
///
/// Resolution happens when a tool runs; the file is then opened by its resolved real path. A
/// process the agent started in the background could still swap a directory for a link between
/// the check and the use; confining that needs a sandbox around the commands.
public struct PathGuard: Sendable, Hashable {
    /// What the path is wanted for.
    public enum Access: Sendable, Hashable {
        /// Reading or listing.
        case read
        /// Creating, writing or editing.
        case write
    }

    /// The worktree's real path (symbolic links resolved).
    public let root: String
    /// The worktree as given.
    public let givenRoot: String

    /// Creates a guard for a worktree.
    /// - Parameter root: The worktree's absolute path.
    public init(root: String) {
        let given = Self.normalize(Self.components(of: root)).map { "/" + $0.joined(separator: "/") } ?? "/"
        self.givenRoot = given
        self.root = Self.realPath(given) ?? given
    }

    /// Resolves a path an agent gave.
    /// - Parameters:
    ///   - path: The path, relative to the worktree or absolute.
    ///   - access: Reading or writing.
    /// - Returns: The real absolute path and the path relative to the worktree.
    /// - Throws: ``PathRefusal`` with the reason when the path leads outside the worktree or into `.git`.
    public func resolve(_ path: String, for access: Access) throws(PathRefusal) -> ResolvedPath {
        guard !path.isEmpty else { throw PathRefusal(path: path, reason: "the path is empty") }
        guard !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PathRefusal(path: path, reason: "the path contains NUL or control characters")
        }
        if let reason = Self.trick(in: path) { throw PathRefusal(path: path, reason: reason) }
        let isAbsolute = path.hasPrefix("/")
        let given = Self.components(of: path)
        if !isAbsolute, Self.normalize(given) == nil {
            throw PathRefusal(path: path, reason: "`..` leads outside the worktree")
        }
        let base = isAbsolute ? [] : Self.components(of: root)
        guard let lexical = Self.normalize(base + given) else {
            throw PathRefusal(path: path, reason: "the path is outside the worktree")
        }
        let lexicalPath = "/" + lexical.joined(separator: "/")
        if isAbsolute,
            !Self.isInside(lexicalPath, root) && !Self.isInside(lexicalPath, givenRoot)
                && !Self.isInside(Self.realPrefix(of: lexical).path, root)
        {
            throw PathRefusal(path: path, reason: "the absolute path is outside the worktree \(givenRoot)")
        }
        let resolved = Self.realPrefix(of: lexical)
        if let first = resolved.rest.first {
            var info = stat()
            if lstat(resolved.path + (resolved.path == "/" ? "" : "/") + first, &info) == 0 {
                throw PathRefusal(
                    path: path,
                    reason: "it goes through a symbolic link whose target does not exist or cannot be read"
                )
            }
        }
        let real = ([resolved.path == "/" ? "" : resolved.path] + resolved.rest).joined(separator: "/")
        let absolute = real.isEmpty ? "/" : real
        guard Self.isInside(absolute, root) else {
            throw PathRefusal(path: path, reason: "a symbolic link leads outside the worktree (to \(absolute))")
        }
        let relative = absolute == root ? "." : String(absolute.dropFirst(root == "/" ? 1 : root.count + 1))
        if access == .write {
            let components = relative.split(separator: "/").map(String.init)
            if components.contains(".git") {
                throw PathRefusal(path: path, reason: "agents may not write inside .git")
            }
            if let alias = components.first(where: GitPathRules.isDotGitAlias) {
                throw PathRefusal(
                    path: path,
                    reason:
                        "'\(alias)' is .git to some file systems, and git refuses such paths (agents may not write there)"
                )
            }
        }
        return ResolvedPath(absolute: absolute, relative: relative)
    }

    /// The longest path and component aet accepts, in bytes (Linux's `PATH_MAX` and `NAME_MAX`).
    static let maxPathBytes = 4096
    static let maxComponentBytes = 255

    /// Spellings that mean something else to another layer (a shell, a URL decoder, Windows, a
    /// terminal) than to this file system, or that the file system refuses: the reason, or `nil`.
    static func trick(in path: String) -> String? {
        if path.contains("\\") {
            return "the path contains a backslash (a directory separator on Windows): use / between directories"
        }
        let lower = path.lowercased()
        for encoded in ["%2e", "%2f", "%5c", "%25", "%00"] where lower.contains(encoded) {
            return "the path contains a percent-encoded character (\(encoded)): give the name itself"
        }
        if path.hasPrefix("~") {  // ~, ~/x, ~user/x: a shell would have meant a home directory
            return "~ is not expanded here: give the path relative to the worktree"
        }
        if path.unicodeScalars.contains(where: \.isInvisibleOrDirectional) {
            return "the path contains invisible or direction-changing characters"
        }
        if path.utf8.count > maxPathBytes { return "the path is longer than \(maxPathBytes) bytes" }
        if path.split(separator: "/").contains(where: { $0.utf8.count > maxComponentBytes }) {
            return "a part of the path is longer than \(maxComponentBytes) bytes"
        }
        return nil
    }

    /// The longest existing prefix of `components`, through `realpath`, and the components after it.
    private static func realPrefix(of components: [String]) -> (path: String, rest: [String]) {
        for count in stride(from: components.count, through: 0, by: -1) {
            let prefix = "/" + components[..<count].joined(separator: "/")
            if let real = realPath(prefix) { return (real, Array(components[count...])) }
        }
        return ("/", components)
    }

    private static func components(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Applies `.` and `..`; nil when `..` climbs above the start.
    private static func normalize(_ components: [String]) -> [String]? {
        var stack: [String] = []
        for component in components {
            switch component {
            case ".": continue
            case "..":
                guard !stack.isEmpty else { return nil }
                stack.removeLast()
            default: stack.append(component)
            }
        }
        return stack
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A path inside the worktree, resolved.
public struct ResolvedPath: Sendable, Hashable {
    /// The real absolute path (symbolic links resolved).
    public var absolute: String
    /// The path relative to the worktree root (`.` for the root itself).
    public var relative: String
}

/// A path the ``PathGuard`` refused, and why.
public struct PathRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path as the agent gave it.
    public var path: String
    /// Why it was refused, e.g. "`..` leads outside the worktree".
    public var reason: String

    /// A sentence naming the path and the reason.
    public var description: String { "refused path '\(path.prefix(200))': \(reason)" }
}
