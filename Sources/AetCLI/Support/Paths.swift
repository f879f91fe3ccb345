import Foundation

/// Path arithmetic and file-system questions, always relative to an explicit directory
/// (never the process's current directory).
enum Paths {
    /// `path` as an absolute, standardized path; relative paths are taken from `directory`.
    static func resolve(_ path: String, against directory: String) -> String {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path, relativeTo: base)
        return url.standardizedFileURL.path
    }

    /// `directory/name`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The directory holding `path` (`/` for a top-level entry).
    static func parent(of path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "/" : parent
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether `path` is a directory (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `path` shown relative to `root` when inside it, else as is.
    static func display(_ path: String, relativeTo root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// `directory` and each of its ancestors up to `/`, nearest first.
    static func ancestors(of directory: String) -> [String] {
        var result: [String] = []
        var current = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.path
        while true {
            result.append(current)
            let parent = parent(of: current)
            if parent == current { return result }
            current = parent
        }
    }

    /// Creates a directory and its parents when missing.
    /// - Parameter private: Whether the directories it creates are readable by the user only (0700):
    ///   aet's own state (`.aet/`, logs, run directories) holds prompts, transcripts and the log.
    /// - Throws: ``CommandFailure`` naming the directory.
    static func createDirectory(_ path: String, private: Bool = false) throws(CommandFailure) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: `private` ? [.posixPermissions: 0o700] : nil)
        } catch {
            throw CommandFailure("could not create the directory \(path): \(FileErrors.reason(error)).")
        }
    }

    /// Makes an existing directory or file readable by its owner only (0700 or 0600); best effort.
    static func restrict(_ path: String, directory: Bool) {
        chmod(path, directory ? 0o700 : 0o600)  // fails only for a file that is not ours: left as it is
    }

    /// Writes text to a file, replacing it atomically.
    /// - Throws: ``CommandFailure`` naming the file.
    static func write(_ text: String, to path: String) throws(CommandFailure) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("could not write \(path): \(FileErrors.reason(error)).")
        }
    }

    /// Reads a UTF-8 text file, or nil when it does not exist.
    /// - Throws: ``CommandFailure`` when it exists but cannot be read.
    static func readText(_ path: String) throws(CommandFailure) -> String? {
        guard exists(path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("could not read \(path): check its permissions.")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Short, safe reasons for file-system errors.
enum FileErrors {
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}
