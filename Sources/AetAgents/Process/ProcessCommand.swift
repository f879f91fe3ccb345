/// A program to run under a ``ProcessSupervisor``: exactly this argv, exactly this environment.
///
/// Nothing is inherited from aet's own process: the environment is the dictionary given here
/// (build it with ``EnvironmentPolicy``), and no shell is involved.
public struct ProcessCommand: Sendable, Hashable {
    /// The program: an absolute path, a path relative to ``workingDirectory`` (containing `/`), or a
    /// name looked up in the `PATH` of ``environment``.
    public var executable: String
    /// The arguments after the program name, each one argv element.
    public var arguments: [String]
    /// The complete environment of the process.
    public var environment: [String: String]
    /// The absolute path of the process's working directory.
    public var workingDirectory: String
    /// What the process reads on stdin.
    public var standardInput: StandardInputSource
    /// Where the process's stderr goes.
    public var standardError: StandardErrorDestination

    /// Creates a command.
    /// - Parameters:
    ///   - executable: The program.
    ///   - arguments: The arguments.
    ///   - environment: The complete environment.
    ///   - workingDirectory: The absolute working directory.
    ///   - standardInput: What the process reads on stdin; closed by default.
    ///   - standardError: Where stderr goes; a stream of its own by default.
    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        workingDirectory: String,
        standardInput: StandardInputSource = .closed,
        standardError: StandardErrorDestination = .separate
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.standardError = standardError
    }
}

/// Where a supervised process's stderr goes.
public enum StandardErrorDestination: Sendable, Hashable {
    /// A pipe of its own: lines arrive as ``StandardStream/standardError`` and go to `stderr.log`.
    case separate
    /// The same pipe as stdout (`2>&1`): both streams arrive as ``StandardStream/standardOutput`` lines,
    /// in the order the process wrote them, as a terminal would show them, and go to `stdout.log`.
    case combinedWithOutput
}

/// What a supervised process reads on stdin.
public enum StandardInputSource: Sendable, Hashable {
    /// Nothing: stdin is `/dev/null`, so the first read sees end-of-file (an agent never waits on aet's terminal).
    case closed
    /// The contents of a file (e.g. the prompt), then end-of-file.
    case file(String)
}

/// One of a process's two output streams.
public enum StandardStream: String, Sendable, Hashable, Codable {
    case standardOutput = "stdout"
    case standardError = "stderr"
}
