/// An error setting up or supervising an agent run. Equal by code; `description` is safe to show a
/// user (no prompts, no secrets), full detail is in `debugDescription`.
public struct RuntimeError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    private enum Code: String, Sendable {
        case executableNotFound = "executable_not_found"
        case invalidCommandTemplate = "invalid_command_template"
        case runDirectoryUnavailable = "run_directory_unavailable"
        case spawnFailed = "spawn_failed"
        case sandboxUnavailable = "sandbox_unavailable"
        case invalidRequest = "invalid_request"
    }

    private let code: Code
    private let message: String
    private let detail: String?
    /// Where the error was raised.
    public let file: String
    /// Where the error was raised.
    public let line: Int

    private init(_ code: Code, _ message: String, detail: String? = nil, file: String, line: Int) {
        self.code = code
        self.message = message
        self.detail = detail
        self.file = file
        self.line = line
    }

    /// The program to run was not found (not on PATH, not at the given path, or not executable).
    /// - Parameters:
    ///   - name: The program as written.
    ///   - searched: Where it was looked for.
    public static func executableNotFound(
        _ name: String = "",
        searched: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> RuntimeError {
        RuntimeError(
            .executableNotFound,
            "'\(name.prefix(200))' was not found or is not executable: install it or fix the path.",
            detail: searched.map { "searched: \($0)" },
            file: file,
            line: line
        )
    }

    /// A `command` runtime template cannot be used as written.
    /// - Parameter message: A sentence saying what is wrong and what to do.
    public static func invalidCommandTemplate(
        _ message: String = "",
        file: String = #fileID,
        line: Int = #line
    ) -> RuntimeError {
        RuntimeError(.invalidCommandTemplate, message, file: file, line: line)
    }

    /// The run directory could not be created or written.
    /// - Parameters:
    ///   - path: The directory.
    ///   - underlying: The system's error, for `debugDescription`.
    public static func runDirectoryUnavailable(
        _ path: String = "",
        underlying: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> RuntimeError {
        RuntimeError(
            .runDirectoryUnavailable,
            "cannot prepare the run directory \(path): check that it is writable.",
            detail: underlying,
            file: file,
            line: line
        )
    }

    /// The process could not be started, or its supervision failed.
    /// - Parameters:
    ///   - message: A sentence saying what failed.
    ///   - underlying: The system's error, for `debugDescription`.
    public static func spawnFailed(
        _ message: String = "",
        underlying: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> RuntimeError {
        RuntimeError(.spawnFailed, message, detail: underlying, file: file, line: line)
    }

    /// The sandbox policy requires a tool (e.g. `prlimit`) that is not installed.
    /// - Parameter message: A sentence naming the tool and how to get it.
    public static func sandboxUnavailable(
        _ message: String = "",
        file: String = #fileID,
        line: Int = #line
    ) -> RuntimeError {
        RuntimeError(.sandboxUnavailable, message, file: file, line: line)
    }

    /// The request cannot be run as given (e.g. a relative worktree path).
    /// - Parameter message: A sentence saying what is wrong and what to do.
    public static func invalidRequest(_ message: String = "", file: String = #fileID, line: Int = #line) -> RuntimeError
    {
        RuntimeError(.invalidRequest, message, file: file, line: line)
    }

    /// A short code without payload, for metric labels: e.g. `executable_not_found`.
    public var shortDescription: String { code.rawValue }

    /// True for ``executableNotFound(_:searched:file:line:)``.
    public var isExecutableNotFound: Bool { code == .executableNotFound }

    public var description: String { message }

    public var debugDescription: String {
        "RuntimeError(\(code.rawValue)): \(message)\(detail.map { " [\($0)]" } ?? "") at \(file):\(line)"
    }

    public static func == (lhs: RuntimeError, rhs: RuntimeError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
