import Foundation

/// A fresh directory for one test under `FileManager.default.temporaryDirectory`, named
/// `<prefix>-<UUID>` so a leftover says which tests made it, and removed (best effort) afterwards.
/// The path has its symlinks resolved once (macOS's `/var` is `/private/var`), so it compares equal to
/// the paths git and child processes report.
///
/// ```swift
/// try await TemporaryDirectory.with(prefix: "aet-store-tests") { path in … }
/// ```
public enum TemporaryDirectory {
    /// Creates a new, empty directory.
    /// - Parameter prefix: The start of its name, e.g. `aet-workspace-tests`.
    /// - Returns: Its absolute path, symlinks resolved.
    public static func create(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return (path as NSString).resolvingSymlinksInPath
    }

    /// Runs `body` with a new directory (see ``create(prefix:)``) and removes it afterwards.
    /// - Returns: What `body` returns.
    public static func with<Result>(
        prefix: String, _ body: (String) async throws -> Result
    ) async throws -> Result {
        let path = try create(prefix: prefix)
        defer { remove(path) }
        return try await body(path)
    }

    /// The synchronous twin of the `async` `with(prefix:_:)`, for tests that wait on processes or threads.
    public static func with<Result>(prefix: String, _ body: (String) throws -> Result) throws -> Result {
        let path = try create(prefix: prefix)
        defer { remove(path) }
        return try body(path)
    }

    /// Removes `path`; best effort: a leftover temporary directory must not fail the test that used it.
    private static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)  // nil: already gone or not removable; harmless
    }
}
