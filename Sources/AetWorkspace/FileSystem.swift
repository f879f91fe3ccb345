import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The few file-system questions this module asks, on explicit absolute paths (never the process's
/// current directory). They are single system calls on small, local metadata.
enum FileSystem {
    /// What is at a path, without following a final symbolic link.
    enum Entry: Equatable {
        case missing, file, directory, symbolicLink, other
    }

    static func entry(at path: String) -> Entry {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The canonical absolute path (symbolic links resolved), or `nil` when the path does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute against `directory` and with `.`/`..`/`//` removed lexically.
    static func absolute(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for component in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(component)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The canonical form of a path that may not exist yet: its longest existing ancestor resolved,
    /// the rest appended.
    static func canonical(_ path: String) -> String {
        let absolutePath = absolute(path, against: "/")
        if let real = realPath(absolutePath) { return real }
        var missing: [Substring] = []
        var current = Substring(absolutePath)
        while let slash = current.lastIndex(of: "/"), !current.isEmpty {
            missing.insert(current[current.index(after: slash)...], at: 0)
            current = current[..<slash]
            if let real = realPath(current.isEmpty ? "/" : String(current)) {
                return (real == "/" ? "" : real) + "/" + missing.joined(separator: "/")
            }
        }
        return absolutePath
    }

    /// Whether `path` is `root` or inside it (both canonical, absolute).
    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// Whether a directory is missing or has no entries.
    static func isEmptyDirectory(_ path: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) ?? false  // unreadable: treat as occupied
    }

    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
