#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the program a command names, the way `execvp` would, but before anything is spawned, so a
/// missing program is a clear "not found" rather than an exit code 127 from a wrapper.
public enum ExecutableLocator {
    /// Resolves a program to an absolute path of an executable regular file.
    /// - Parameters:
    ///   - name: An absolute path, a path relative to `workingDirectory` (it contains `/`), or a name.
    ///   - searchPath: A `PATH` value for names; only absolute entries are searched.
    ///   - workingDirectory: The directory relative paths start from.
    /// - Returns: The absolute path, or `nil` when nothing executable is found.
    public static func locate(_ name: String, searchPath: String?, workingDirectory: String) -> String? {
        guard !name.isEmpty, !name.contains("\0") else { return nil }
        if name.contains("/") {
            let path = name.hasPrefix("/") ? name : join(workingDirectory, name)
            return isExecutableFile(path) ? path : nil
        }
        for directory in (searchPath ?? "").split(separator: ":") where directory.hasPrefix("/") {
            let path = join(String(directory), name)
            if isExecutableFile(path) { return path }
        }
        return nil
    }

    /// Whether a path names a regular file this process may execute.
    /// - Parameter path: The path.
    /// - Returns: `true` for an executable regular file (symlinks followed).
    public static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
