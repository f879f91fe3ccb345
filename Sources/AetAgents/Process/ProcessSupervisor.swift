import Foundation
import Logging
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one agent process and never trusts it to stop.
///
/// The process is spawned as the leader of its own session and process group, with exactly the
/// given environment, stdin closed (or a file), inside the sandbox wrappers of
/// ``Configuration/sandbox``. Its stdout and stderr are split into lines (each capped at
/// ``Configuration/maxLineBytes``), redacted, written to `stdout.log`/`stderr.log` (together capped
/// at ``Configuration/maxOutputBytes``) and handed to the callback in order. The wall-clock and
/// idle-output timeouts, a stop asked for by the callback, and cancellation of the calling task all
/// end the same way: SIGTERM to the whole group, the grace period, SIGKILL to the whole group. When
/// the main process has exited, whatever is left of its group is stopped the same way, and the
/// supervisor returns only once the group is verified gone; then it kills processes that escaped the
/// group but still carry the run's marker variable.
///
/// ```swift
/// let supervisor = ProcessSupervisor(configuration: .init(wallTimeout: .seconds(600), idleTimeout: .seconds(120)))
/// let result = try await supervisor.run(command) { event in
///     if case .line(let line) = event { print(line.text) }
///     return .proceed
/// }
/// print(result.exit, result.stopReason ?? "finished")
/// ```
public struct ProcessSupervisor: Sendable {
    /// The variable that marks every process of a run (a fresh random value per run), so processes
    /// that leave the group can still be found.
    public static let markerVariable = "AET_RUN_MARKER"

    /// How processes are run.
    public var configuration: Configuration

    /// Creates a supervisor.
    /// - Parameter configuration: Limits, logs, redaction and sandbox.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Runs a process to its end.
    ///
    /// Returns only after the process and its whole group are gone. Cancelling the calling task stops
    /// the process (the result's ``ProcessResult/stopReason`` is ``StopReason/cancelled``).
    /// - Parameters:
    ///   - command: The program, arguments, environment, working directory and stdin.
    ///   - onEvent: Called in order with the spawn and each output line; return
    ///     ``OutputDisposition/stop(reason:)`` to stop the process.
    /// - Returns: How the process ended, with output counts, logs and cleanup facts.
    /// - Throws: ``RuntimeError`` when the program is not found, the sandbox cannot be applied, the
    ///   logs cannot be created, or the spawn fails.
    public func run(
        _ command: ProcessCommand,
        onEvent: (SupervisedEvent) async -> OutputDisposition
    ) async throws -> ProcessResult {
        let logger = Logger.current
        guard command.workingDirectory.hasPrefix("/") else {
            throw RuntimeError.invalidRequest(
                "the working directory must be an absolute path, not '\(command.workingDirectory)'."
            )
        }
        guard
            let executable = ExecutableLocator.locate(
                command.executable,
                searchPath: command.environment["PATH"],
                workingDirectory: command.workingDirectory
            )
        else {
            throw RuntimeError.executableNotFound(
                command.executable,
                searched: command.executable.contains("/")
                    ? command.workingDirectory : command.environment["PATH"] ?? ""
            )
        }
        let plan = try configuration.sandbox.makePlan()
        let argv = plan.apply(to: [executable] + command.arguments)
        let token = UUID().uuidString
        var environment: [Environment.Key: String] = [:]
        for (name, value) in command.environment {
            // A name with `=` or NUL, or a value with NUL, cannot be expressed in an environment block.
            guard !name.isEmpty, !name.contains("="), !name.contains("\0"), !value.contains("\0"),
                let key = Environment.Key(rawValue: name)
            else { continue }
            environment[key] = value
        }
        if let key = Environment.Key(rawValue: Self.markerVariable) { environment[key] = token }
        let commandLine = CommandLineRendering.render(argv, redactor: configuration.redactor)
        let logs = try configuration.logDirectory.map { directory throws(RuntimeError) in
            try ProcessLogWriter(directory: directory, cap: configuration.maxOutputBytes)
        }
        defer { logs?.close() }

        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: configuration.effectiveGracePeriod)
        ]
        let spawnConfiguration = Subprocess.Configuration(
            executable: .path(FilePath(argv[0])),
            arguments: Arguments(Array(argv.dropFirst())),
            environment: .custom(environment),
            workingDirectory: FilePath(command.workingDirectory),
            platformOptions: options
        )
        logger.debug("starting agent process", metadata: [ProcessLogKey.command: "\(commandLine)"])

        let started = ContinuousClock.now
        let (status, control) = try await spawn(
            spawnConfiguration,
            standardInput: command.standardInput,
            standardError: command.standardError,
            logger: logger
        ) { pid, stdout, stderr in
            await supervise(
                pid: pid,
                standardOutput: stdout,
                standardError: stderr,
                logs: logs,
                commandLine: commandLine,
                logger: logger,
                onEvent: onEvent
            )
        }
        control.markExited()
        let cleanup = await cleanUp(after: control, token: token, logger: logger)
        logs?.close()

        var snapshot = control.snapshot
        if snapshot.stopReason == nil, Task.isCancelled { snapshot.stopReason = .cancelled }
        var statistics = snapshot.statistics
        if let counts = logs?.counts {
            statistics.loggedBytes = counts.logged
            statistics.droppedBytes = counts.dropped
        }
        let exit: ProcessExit
        switch status {
        case .exited(let code): exit = .exited(code)
        case .signaled(let signal): exit = .signaled(signal)
        }
        return ProcessResult(
            processID: control.pid,
            exit: exit,
            stopReason: snapshot.stopReason,
            duration: started.duration(to: .now),
            output: statistics,
            logs: logs?.files,
            cleanup: cleanup,
            sandbox: ["own session and process group"] + plan.applied,
            commandLine: commandLine,
            warnings: plan.warnings + snapshot.warnings
        )
    }

    /// Spawns the process with the right stdin and stderr and maps spawn failures to ``RuntimeError``.
    private func spawn(
        _ spawnConfiguration: Subprocess.Configuration,
        standardInput: StandardInputSource,
        standardError: StandardErrorDestination,
        logger: Logger,
        body: (pid_t, SubprocessOutputSequence, SubprocessOutputSequence?) async -> SupervisionControl
    ) async throws -> (TerminationStatus, SupervisionControl) {
        do {
            switch standardInput {
            case .closed:
                return try await spawn(spawnConfiguration, input: .none, standardError: standardError, body: body)
            case .file(let path):
                let descriptor: FileDescriptor
                do {
                    descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec)
                } catch {
                    throw RuntimeError.spawnFailed("cannot open the stdin file \(path).", underlying: "\(error)")
                }
                return try await spawn(
                    spawnConfiguration,
                    input: .fileDescriptor(descriptor, closeAfterSpawningProcess: true),
                    standardError: standardError,
                    body: body
                )
            }
        } catch let error as SubprocessError {
            logger.debug("agent process failed to start", metadata: [ProcessLogKey.error: "\(error)"])
            switch error.code {
            case .executableNotFound:
                throw RuntimeError.executableNotFound(spawnConfiguration.executable.description, searched: "\(error)")
            case .failedToChangeWorkingDirectory:
                throw RuntimeError.spawnFailed(
                    "cannot enter the working directory \(spawnConfiguration.workingDirectory?.string ?? "?").",
                    underlying: "\(error)"
                )
            default:
                throw RuntimeError.spawnFailed(
                    "the agent process could not be started or supervised.",
                    underlying: "\(error)"
                )
            }
        }
    }
    /// Spawns with stdout as a sequence and stderr as a sequence of its own or merged into stdout.
    private func spawn<Input: InputProtocol>(
        _ spawnConfiguration: Subprocess.Configuration,
        input: Input,
        standardError: StandardErrorDestination,
        body: (pid_t, SubprocessOutputSequence, SubprocessOutputSequence?) async -> SupervisionControl
    ) async throws -> (TerminationStatus, SupervisionControl) {
        switch standardError {
        case .separate:
            let result = try await Subprocess.run(spawnConfiguration, input: input, output: .sequence, error: .sequence)
            {
                execution in
                await body(execution.processIdentifier.value, execution.standardOutput, execution.standardError)
            }
            return (result.terminationStatus, result.closureResult)
        case .combinedWithOutput:
            let result = try await Subprocess.run(
                spawnConfiguration, input: input, output: .sequence, error: .combinedWithOutput
            ) { execution in
                await body(execution.processIdentifier.value, execution.standardOutput, nil)
            }
            return (result.terminationStatus, result.closureResult)
        }
    }
}
