public import Logging
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs `git` for aet: always with an explicit `-C <directory>`, a scrubbed environment, a fixed
/// locale, aet's commit identity, no terminal prompts, no hooks (unless configured), captured and
/// size-capped output, and a timeout.
///
/// ```swift
/// let git = Git(configuration: .init(), logger: logger)
/// let head = try await git.run(["rev-parse", "HEAD"], in: "/path/to/repo").standardOutput
/// ```
///
/// A command that exits with a status outside `acceptedExitCodes` throws a ``WorkspaceError`` whose
/// description is one sentence (`git worktree add failed: <first line of stderr>`) and whose
/// `debugDescription` holds the full output.
public struct Git: Sendable {
    /// The identity that commits made through aet carry, as author and committer.
    public struct Identity: Hashable, Sendable, CustomStringConvertible {
        /// The name, e.g. `aet`.
        public var name: String
        /// The email address, e.g. `aet@localhost`.
        public var email: String

        /// Creates an identity.
        /// - Parameters:
        ///   - name: The name shown in `git log`.
        ///   - email: The email address shown in `git log`.
        public init(name: String, email: String) {
            self.name = name
            self.email = email
        }

        /// `aet <aet@localhost>`.
        public static let aet = Identity(name: "aet", email: "aet@localhost")

        public var description: String { "\(name) <\(email)>" }
    }

    /// How git is run.
    public struct Configuration: Sendable {
        /// The git executable: an absolute path, or `nil` to look `git` up on the `PATH` of the environment.
        public var executablePath: String?
        /// The author and committer of commits when a call names no other identity.
        public var identity: Identity
        /// How long one git command may run before it is stopped.
        public var timeout: Duration
        /// The most bytes kept of standard output, and separately of standard error; more is an error.
        public var outputLimit: Int
        /// The environment git starts from, or `nil` for this process's environment. Either way aet removes
        /// every variable that would point git at another repository, index or work tree, change its
        /// config or identity, or open an editor or prompt (see ``Git/removedVariables``), then sets its own.
        public var environment: [String: String]?
        /// Whether the repository's git hooks run for aet's own commands (`false`: `core.hooksPath=/dev/null`).
        public var runsHooks: Bool

        /// Creates the default configuration: `git` from `PATH`, identity `aet <aet@localhost>`, a
        /// 5-minute timeout, 32 MiB of output, the process environment (scrubbed), no hooks.
        public init() {
            executablePath = nil
            identity = .aet
            timeout = .seconds(300)
            outputLimit = 32 * 1024 * 1024
            environment = nil
            runsHooks = false
        }
    }

    /// What a git command printed and how it exited.
    public struct Output: Sendable, Hashable {
        /// The exit status (a status from an accepted set; see `run`).
        public var exitStatus: Int32
        /// Standard output, decoded as UTF-8 (invalid bytes replaced).
        public var standardOutput: String
        /// Standard error, decoded as UTF-8 (invalid bytes replaced).
        public var standardError: String
    }

    /// The configuration this instance runs git with.
    public let configuration: Configuration
    let logger: Logger

    /// Creates a git runner.
    /// - Parameters:
    ///   - configuration: How git is run.
    ///   - logger: Where each command is logged, at trace level; by default the task-local `Logger.current`.
    public init(configuration: Configuration = .init(), logger: Logger = .current) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs `git -C <directory> <arguments>`.
    /// - Parameters:
    ///   - arguments: The git subcommand and its arguments, e.g. `["worktree", "add", path, branch]`.
    ///   - directory: The directory git runs in (passed as `-C`, never inherited from this process).
    ///   - input: Text written to git's standard input (e.g. a commit message for `commit -F -`).
    ///   - identity: The author and committer for commits this command makes; `nil` uses the configured one.
    ///   - acceptedExitCodes: Exit statuses that are results rather than failures (e.g. `[0, 1]` for `diff --quiet`).
    ///   - timeout: How long this command may run; `nil` uses the configured timeout.
    /// - Returns: The exit status and captured output.
    /// - Throws: ``WorkspaceError`` with code `gitNotFound`, `gitFailed`, `gitTimedOut` or
    ///   `outputLimitExceeded`; `CancellationError` when the calling task is cancelled.
    @discardableResult
    public func run(
        _ arguments: [String],
        in directory: String,
        input: String? = nil,
        identity: Identity? = nil,
        acceptedExitCodes: Set<Int32> = [0],
        timeout: Duration? = nil
    ) async throws -> Output {
        let fullArguments = ["-C", directory] + fixedOptions + arguments
        let environment = makeEnvironment(identity: identity ?? configuration.identity)
        let searchPath = configuration.environment?["PATH"] ?? Self.processSearchPath
        let executable: Executable =
            (configuration.executablePath ?? Self.locate(onPath: searchPath)).map { .path(FilePath($0)) }
            ?? .name("git")
        let limit = configuration.outputLimit
        let limitTime = timeout ?? configuration.timeout
        let command = Self.commandName(arguments)
        logger.trace(
            "git",
            metadata: [LogKey.gitCommand: "\(command)", LogKey.directory: "\(directory)"]
        )

        let finished: Output?
        do {
            finished = try await withDeadline(limitTime) {
                let result =
                    if let input {
                        try await Subprocess.run(
                            executable,
                            arguments: Arguments(fullArguments),
                            environment: environment,
                            input: .string(input),
                            output: .bytes(limit: limit),
                            error: .bytes(limit: limit)
                        )
                    } else {
                        try await Subprocess.run(
                            executable,
                            arguments: Arguments(fullArguments),
                            environment: environment,
                            input: .none,
                            output: .bytes(limit: limit),
                            error: .bytes(limit: limit)
                        )
                    }
                return Output(
                    exitStatus: result.terminationStatus.exitStatus,
                    standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
                    standardError: String(decoding: result.standardError, as: UTF8.self)
                )
            }
        } catch let error as SubprocessError {
            throw Self.mapSpawnError(error, command: command, executable: configuration.executablePath)
        }
        guard let output = finished else {
            throw WorkspaceError(
                .gitTimedOut,
                "\(command) did not finish within \(limitTime.secondsText) and was stopped.",
                detail: "arguments: \(fullArguments)"
            )
        }
        guard acceptedExitCodes.contains(output.exitStatus) else {
            throw Self.failure(command: command, arguments: fullArguments, output: output)
        }
        return output
    }

    /// Options put before every subcommand: no hooks, no signing, no colour, no fsmonitor daemon,
    /// no rerere, unquoted paths.
    var fixedOptions: [String] {
        var options = [
            "-c", "commit.gpgSign=false",
            "-c", "tag.gpgSign=false",
            "-c", "core.quotePath=false",
            "-c", "core.fsmonitor=false",
            "-c", "color.ui=false",
            "-c", "rerere.enabled=false",
            "-c", "advice.detachedHead=false",
        ]
        if !configuration.runsHooks { options += ["-c", "core.hooksPath=/dev/null"] }
        return options
    }

    /// `git worktree add`, `git commit`, …: the subcommand as a user would type it.
    static func commandName(_ arguments: [String]) -> String {
        let words = arguments.prefix { !$0.hasPrefix("-") }
        let twoWord: Set<String> = ["worktree", "stash", "remote", "submodule"]
        if let first = words.first, twoWord.contains(first), words.count > 1 {
            return "git \(first) \(words[words.index(after: words.startIndex)])"
        }
        return words.first.map { "git \($0)" } ?? "git"
    }

    static func failure(command: String, arguments: [String], output: Output) -> WorkspaceError {
        let reason =
            Self.firstMeaningfulLine(of: output.standardError)
            ?? Self.firstMeaningfulLine(of: output.standardOutput)
            ?? "exit status \(output.exitStatus)"
        return WorkspaceError(
            .gitFailed,
            "\(command) failed: \(reason)",
            detail: """
                arguments: \(arguments)
                exit status: \(output.exitStatus)
                stdout:
                \(output.standardOutput)
                stderr:
                \(output.standardError)
                """,
            exitStatus: output.exitStatus
        )
    }

    /// The first non-empty line, without git's `fatal: `/`error: ` prefix, control characters or excess length.
    static func firstMeaningfulLine(of text: String) -> String? {
        guard
            let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingGitWhitespace() }).first(where: {
                !$0.isEmpty
            })
        else { return nil }
        var cleaned = Substring(line)
        for prefix in ["fatal: ", "error: ", "warning: "] where cleaned.hasPrefix(prefix) {
            cleaned = cleaned.dropFirst(prefix.count)
        }
        let printable = String(
            String.UnicodeScalarView(cleaned.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
        )
        return printable.count > 200 ? String(printable.prefix(200)) + "…" : printable
    }

    static func mapSpawnError(_ error: SubprocessError, command: String, executable: String?) -> WorkspaceError {
        if error.code == .executableNotFound {
            return WorkspaceError(
                .gitNotFound,
                executable.map { "git was not found at \($0): install git or fix the configured git path." }
                    ?? "git was not found on PATH: install git (e.g. apt-get install git) or configure its path.",
                detail: "\(error)"
            )
        }
        if error.code == .outputLimitExceeded {
            return WorkspaceError(
                .outputLimitExceeded,
                "\(command) printed more output than aet keeps, so its result was not used.",
                detail: "\(error)"
            )
        }
        return WorkspaceError(.gitFailed, "\(command) could not be started: \(error)", detail: "\(error)")
    }
}

extension TerminationStatus {
    /// The exit status, or 128 + the signal number for a process killed by a signal (as a shell reports it).
    var exitStatus: Int32 {
        switch self {
        case .exited(let code): Int32(code)
        #if !os(Windows)
        case .signaled(let signal): 128 + Int32(signal)
        #endif
        }
    }
}

extension Duration {
    /// `2 s`, `0.3 s`: for messages.
    var secondsText: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
