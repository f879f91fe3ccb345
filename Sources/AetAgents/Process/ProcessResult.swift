/// How a supervised process ended and what the supervisor did about it.
public struct ProcessResult: Sendable, Hashable {
    /// The process identifier (also its process-group and session identifier).
    public var processID: Int32
    /// How the process ended.
    public var exit: ProcessExit
    /// Why the supervisor stopped the process, when it did.
    public var stopReason: StopReason?
    /// Wall time from spawn to the end of cleanup.
    public var duration: Duration
    /// Byte and line counts of the output.
    public var output: OutputStatistics
    /// The raw logs, when a log directory was configured.
    public var logs: ProcessLogFiles?
    /// What happened to the process group after the process ended.
    public var cleanup: GroupCleanup
    /// The sandbox wrappers applied, e.g. `rlimits via /usr/bin/prlimit (core=0 nofile=4096 …)`.
    public var sandbox: [String]
    /// The command line that ran, wrappers included, secrets redacted.
    public var commandLine: String
    /// Problems that did not stop the run (unreadable output, rlimits not applied, …).
    public var warnings: [String]

    /// Creates a result.
    /// - Parameters:
    ///   - processID: The process identifier.
    ///   - exit: How the process ended.
    ///   - stopReason: Why the supervisor stopped it.
    ///   - duration: Wall time.
    ///   - output: Output counts.
    ///   - logs: The raw logs.
    ///   - cleanup: Process-group cleanup.
    ///   - sandbox: Wrappers applied.
    ///   - commandLine: The redacted command line.
    ///   - warnings: Non-fatal problems.
    public init(
        processID: Int32,
        exit: ProcessExit,
        stopReason: StopReason?,
        duration: Duration,
        output: OutputStatistics,
        logs: ProcessLogFiles?,
        cleanup: GroupCleanup,
        sandbox: [String],
        commandLine: String,
        warnings: [String]
    ) {
        self.processID = processID
        self.exit = exit
        self.stopReason = stopReason
        self.duration = duration
        self.output = output
        self.logs = logs
        self.cleanup = cleanup
        self.sandbox = sandbox
        self.commandLine = commandLine
        self.warnings = warnings
    }
}

/// How a process ended.
public enum ProcessExit: Sendable, Hashable, CustomStringConvertible {
    /// It exited with this code.
    case exited(Int32)
    /// It was killed by this signal.
    case signaled(Int32)

    /// Whether it exited with code 0.
    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit code \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}

/// Why a supervisor stopped a process.
public enum StopReason: Sendable, Hashable, CustomStringConvertible {
    /// The wall-clock timeout passed.
    case wallTimeout
    /// The process printed nothing for the idle timeout.
    case idleTimeout
    /// The calling task was cancelled.
    case cancelled
    /// The output callback asked to stop (e.g. a budget was exceeded), with its reason.
    case requested(String)

    public var description: String {
        switch self {
        case .wallTimeout: "wall-clock timeout"
        case .idleTimeout: "idle-output timeout"
        case .cancelled: "cancelled"
        case .requested(let reason): reason
        }
    }
}

/// Counts of a process's output.
public struct OutputStatistics: Sendable, Hashable {
    /// Bytes read from stdout.
    public var standardOutputBytes: Int = 0
    /// Bytes read from stderr.
    public var standardErrorBytes: Int = 0
    /// Lines delivered (both streams).
    public var lines: Int = 0
    /// Lines longer than the line cap, delivered cut.
    public var truncatedLines: Int = 0
    /// Bytes written to the raw logs.
    public var loggedBytes: Int = 0
    /// Bytes not written to the raw logs because of the output cap.
    public var droppedBytes: Int = 0

    /// Creates empty counts.
    public init() {}
}

/// Paths of a process's raw logs.
public struct ProcessLogFiles: Sendable, Hashable {
    /// The stdout log.
    public var standardOutput: String
    /// The stderr log.
    public var standardError: String

    /// Creates log paths.
    /// - Parameters:
    ///   - standardOutput: The stdout log.
    ///   - standardError: The stderr log.
    public init(standardOutput: String, standardError: String) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// What the supervisor found and did after the main process ended.
public struct GroupCleanup: Sendable, Hashable {
    /// Whether the process led its own session and process group (so group signals reached all of it).
    public var ownProcessGroup: Bool = false
    /// Processes of the group still running after the main process ended (stopped by the supervisor).
    public var leftoverProcesses: Int = 0
    /// Whether the group was verified gone before the supervisor returned: no process of it runs any
    /// more (dead processes still awaiting their reaper, zombies, do not count).
    public var groupGone: Bool = false
    /// Processes that left the group (e.g. `setsid`) but still carried the run's marker; they were killed.
    public var escapedProcesses: [Int32] = []

    /// Creates an empty record.
    public init() {}
}
