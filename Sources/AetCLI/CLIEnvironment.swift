public import Foundation

/// What a command may know about the process it runs in: environment variables, working directory,
/// output streams, time zone and clock.
///
/// `main` fills it from the real process with ``process()``; tests fill it with a temporary
/// directory and capturing sinks. Commands read it only through ``current``, never from
/// `ProcessInfo` or `FileManager` directly.
///
/// ```swift
/// let environment = CLIEnvironment(
///     variables: [:], workingDirectory: "/tmp/repo",
///     standardOutput: .capturing(), standardError: .capturing())
/// let code = await AetCLI.main(arguments: ["status"], environment: environment)
/// ```
public struct CLIEnvironment: Sendable {
    /// Environment variables, e.g. `AET_STORE`.
    public var variables: [String: String]
    /// The absolute directory relative paths are resolved against.
    public var workingDirectory: String
    /// Where data and results go.
    public var standardOutput: TextSink
    /// Where errors and log lines for people go.
    public var standardError: TextSink
    /// The zone times are shown in.
    public var timeZone: TimeZone
    /// The current time (also given to the store for `recordedAt`).
    public var now: @Sendable () -> Date
    /// Whether to install aet's log handlers with `LoggingSystem.bootstrap` (once per process; never in tests).
    public var bootstrapsLoggingSystem: Bool
    /// Whether long commands (`aet process`, `simple`, `demo`) turn SIGINT/SIGTERM into a clean stop; the process only.
    public var handlesSignals = false
    /// How the user calls aet again in hints: `aet` when that is what `PATH` finds, else the path of
    /// the running binary (e.g. `/src/aet/.build/debug/aet` after `swift run aet demo`).
    public var invocation = "aet"

    /// Creates an environment.
    /// - Parameters:
    ///   - variables: Environment variables.
    ///   - workingDirectory: An absolute directory.
    ///   - standardOutput: Where data goes.
    ///   - standardError: Where errors go.
    ///   - timeZone: The zone times are shown in; UTC by default.
    ///   - now: The clock.
    ///   - bootstrapsLoggingSystem: Whether to bootstrap swift-log globally; false by default.
    public init(
        variables: [String: String],
        workingDirectory: String,
        standardOutput: TextSink,
        standardError: TextSink,
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
        now: @escaping @Sendable () -> Date = { Date() },
        bootstrapsLoggingSystem: Bool = false
    ) {
        self.variables = variables
        self.workingDirectory = workingDirectory
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timeZone = timeZone
        self.now = now
        self.bootstrapsLoggingSystem = bootstrapsLoggingSystem
    }

    /// The environment of the running process (its variables, directory, stdout, stderr and local time zone);
    /// it bootstraps the logging system.
    /// - Returns: The process environment.
    public static func process() -> CLIEnvironment {
        CLIEnvironment(
            variables: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            standardOutput: .standardOutput(),
            standardError: .standardError(),
            timeZone: .current,
            bootstrapsLoggingSystem: true
        )
        .handlingSignals()
    }

    private func handlingSignals() -> CLIEnvironment {
        var copy = self
        copy.handlesSignals = true
        copy.invocation = Self.invocation(executable: Bundle.main.executablePath, path: variables["PATH"])
        return copy
    }

    /// `aet` when the `aet` that `path` finds is `executable`, else the absolute path of `executable`.
    /// - Parameters:
    ///   - executable: The running binary's path.
    ///   - path: The `PATH` variable.
    /// - Returns: What to type to run this aet again, from any directory.
    static func invocation(executable: String?, path: String?) -> String {
        guard let executable else { return "aet" }
        let running = URL(fileURLWithPath: executable).resolvingSymlinksInPath().path
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory) + "/aet").resolvingSymlinksInPath().path
            if candidate == running { return "aet" }
        }
        return running
    }

    /// The environment of the command being run; ``AetCLI/main(arguments:environment:)`` sets it.
    @TaskLocal public static var current: CLIEnvironment = .process()
}
