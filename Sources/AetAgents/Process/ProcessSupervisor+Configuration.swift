extension ProcessSupervisor {
    /// How a ``ProcessSupervisor`` runs one process: limits, logs, redaction, sandbox.
    public struct Configuration: Sendable, Hashable {
        /// The longest the process may run, from spawn; `nil` for no limit.
        public var wallTimeout: Duration?
        /// The longest the process may print nothing (neither stdout nor stderr); `nil` for no limit.
        public var idleTimeout: Duration?
        /// How long the group has between SIGTERM and SIGKILL; clamped to 0…``maximumGracePeriod``.
        public var terminationGracePeriod: Duration
        /// The most bytes kept in the raw logs, both streams together.
        public var maxOutputBytes: Int
        /// The most bytes of one line delivered and logged; the rest of the line is counted and dropped.
        public var maxLineBytes: Int
        /// Where `stdout.log` and `stderr.log` are written; `nil` for no logs.
        public var logDirectory: String?
        /// Secrets hidden in delivered lines, logs and the rendered command line.
        public var redactor: Redactor
        /// The wrappers and sweeps applied.
        public var sandbox: SandboxPolicy
        /// How long to wait for the group to disappear after SIGKILL before reporting it as not gone.
        public var killConfirmationTimeout: Duration
        /// How often the watchdog looks at the process when no deadline is nearer.
        public var watchdogInterval: Duration

        /// The longest grace period accepted.
        public static let maximumGracePeriod: Duration = .seconds(60)

        /// Creates a configuration.
        /// - Parameters:
        ///   - wallTimeout: The wall-clock limit.
        ///   - idleTimeout: The silence limit.
        ///   - terminationGracePeriod: SIGTERM → SIGKILL delay (default 5 s).
        ///   - maxOutputBytes: The raw-log cap (default 16 MiB).
        ///   - maxLineBytes: The line cap (default 1 MiB).
        ///   - logDirectory: Where the raw logs go.
        ///   - redactor: Secrets to hide.
        ///   - sandbox: The sandbox policy.
        ///   - killConfirmationTimeout: How long to wait for the group to vanish after SIGKILL.
        ///   - watchdogInterval: The watchdog's polling period.
        public init(
            wallTimeout: Duration? = nil,
            idleTimeout: Duration? = nil,
            terminationGracePeriod: Duration = .seconds(5),
            maxOutputBytes: Int = 16 << 20,
            maxLineBytes: Int = 1 << 20,
            logDirectory: String? = nil,
            redactor: Redactor = .none,
            sandbox: SandboxPolicy = .levelZero,
            killConfirmationTimeout: Duration = .seconds(2),
            watchdogInterval: Duration = .milliseconds(100)
        ) {
            self.wallTimeout = wallTimeout
            self.idleTimeout = idleTimeout
            self.terminationGracePeriod = terminationGracePeriod
            self.maxOutputBytes = maxOutputBytes
            self.maxLineBytes = maxLineBytes
            self.logDirectory = logDirectory
            self.redactor = redactor
            self.sandbox = sandbox
            self.killConfirmationTimeout = killConfirmationTimeout
            self.watchdogInterval = watchdogInterval
        }

        /// The grace period actually used.
        var effectiveGracePeriod: Duration {
            min(max(.zero, terminationGracePeriod), Self.maximumGracePeriod)
        }
    }
}
