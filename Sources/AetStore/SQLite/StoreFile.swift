import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a store's path before aet opens it: checked first, so that a directory, a FIFO,
/// `/dev/null` or a file that is not SQLite is refused with a sentence and nothing is created beside
/// it (no lock file, no WAL).
public enum StoreFile: Sendable, Hashable {
    /// Nothing: opening for writing creates the store.
    case missing
    /// A regular file of zero bytes (SQLite makes it a new database).
    case empty
    /// A regular file that starts with SQLite's header.
    case sqlite
    /// Something that is not a regular file (directory, FIFO, device, socket).
    case notAFile(kind: String)
    /// A regular file that is not an SQLite database.
    case notSQLite

    /// Looks at `path` without opening it for writing (`lstat`, then the first 16 bytes).
    /// - Parameter path: The store's path.
    /// - Returns: What is there.
    public static func inspect(_ path: String) -> StoreFile {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .notAFile(kind: "a directory")
        case S_IFIFO: return .notAFile(kind: "a FIFO")
        case S_IFCHR, S_IFBLK: return .notAFile(kind: "a device")
        case S_IFSOCK: return .notAFile(kind: "a socket")
        default: return .notAFile(kind: "not a regular file")
        }
        if info.st_size == 0 { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .notSQLite }
        defer { try? handle.close() }  // read-only handle: nothing to flush
        let header = (try? handle.read(upToCount: 16)) ?? Data()  // nil: unreadable → not a store we can use
        return header == Data("SQLite format 3\0".utf8) ? .sqlite : .notSQLite
    }

    /// Why aet refuses to use this as its store, or `nil` when it may (missing or empty only when
    /// `creating`).
    /// - Parameters:
    ///   - path: The store's path, for the message.
    ///   - creating: Whether the caller would create a missing store.
    /// - Returns: A sentence saying what is wrong and what to do, or `nil`.
    public func problem(at path: String, creating: Bool) -> String? {
        switch self {
        case .sqlite: return nil
        case .missing, .empty:
            return creating
                ? nil
                : "there is no aet store at \(path): run aet init in your repository, or pass --store with an existing store."
        case .notAFile(let kind):
            return "the store path \(path) is \(kind), not a database file: name a file (e.g. .aet/aet.db)."
        case .notSQLite:
            return
                "\(path) is not an aet store (not an SQLite database): name the store file, or move this file away and run aet init."
        }
    }
}
