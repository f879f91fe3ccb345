import Logging
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ProcessSupervisor {
    /// Watches a spawned process until it has exited: pumps its output into lines, hands them to the
    /// callback in order (with back-pressure), and runs the watchdog that enforces the timeouts.
    /// Runs inside the spawn's scope, on the caller's executor; returns the supervision's state.
    func supervise(
        pid: pid_t,
        standardOutput: SubprocessOutputSequence,
        standardError: SubprocessOutputSequence?,
        logs: ProcessLogWriter?,
        commandLine: String,
        logger: Logger,
        onEvent: (SupervisedEvent) async -> OutputDisposition
    ) async -> SupervisionControl {
        let ownGroup = ProcessGroup.leadsOwnGroup(pid)
        let machine = SupervisionStateMachine(
            startedAt: .now,
            wallTimeout: configuration.wallTimeout,
            idleTimeout: configuration.idleTimeout,
            gracePeriod: configuration.effectiveGracePeriod
        )
        let control = SupervisionControl(pid: pid, ownGroup: ownGroup, machine: machine, logger: logger)
        if !ownGroup {
            logger.error(
                "agent process did not get its own process group; only it will be signalled",
                metadata: [ProcessLogKey.pid: "\(pid)"]
            )
            control.warn("the agent did not get its own process group: its children cannot be stopped with it")
        }
        if case .stop(let reason) = await onEvent(.spawned(processID: pid, commandLine: commandLine)) {
            control.requestStop(.requested(reason))
        }

        let pump = OutputPump(
            control: control,
            logs: logs,
            redactor: configuration.redactor,
            maxLineBytes: configuration.maxLineBytes
        )
        let interval = configuration.watchdogInterval
        let (lines, continuation) = AsyncStream.makeStream(of: OutputLine.self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { pumps in
                    pumps.addTask { await pump.run(standardOutput, stream: .standardOutput, into: continuation) }
                    if let standardError {
                        pumps.addTask { await pump.run(standardError, stream: .standardError, into: continuation) }
                    }
                }
                continuation.finish()
            }
            group.addTask { await Self.watchdog(control: control, interval: interval) }

            for await line in lines {
                control.lineConsumed(line)
                if case .stop(let reason) = await onEvent(.line(line)) {
                    control.requestStop(.requested(reason))
                }
            }
            // The output is closed. Usually the process has exited; if it closed its output and runs
            // on, the watchdog keeps enforcing the limits until it exits.
            if !Task.isCancelled, !ProcessGroup.leaderHasExited(pid) {
                await group.waitForAll()
            }
            group.cancelAll()
        }
        return control
    }

    /// Enforces the deadlines until the leader exits (or the supervision ends and cancels it).
    static func watchdog(control: SupervisionControl, interval: Duration) async {
        let clock = ContinuousClock()
        while !Task.isCancelled {
            if ProcessGroup.leaderHasExited(control.pid) { return }
            var wake = clock.now + interval
            if case .wait(let until?) = control.step(), until < wake { wake = until }
            do {
                try await clock.sleep(until: wake)
            } catch {
                return  // cancelled: the supervision is over
            }
        }
    }
}

/// Reads one output stream, splits it into lines, redacts, logs and queues them.
struct OutputPump: Sendable {
    let control: SupervisionControl
    let logs: ProcessLogWriter?
    let redactor: Redactor
    let maxLineBytes: Int

    /// Lines queued beyond this many bytes make the pump wait for the consumer.
    var highWater: Int { max(8 << 20, 2 * maxLineBytes) }

    func run(
        _ sequence: SubprocessOutputSequence,
        stream: StandardStream,
        into continuation: AsyncStream<OutputLine>.Continuation
    ) async {
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        do {
            for try await buffer in sequence {
                let bytes = buffer.withUnsafeBytes { Array($0) }
                control.recordOutput(bytes.count, from: stream)
                for line in splitter.append(bytes) {
                    await deliver(line, stream: stream, into: continuation)
                }
            }
        } catch {
            control.warn("reading the agent's \(stream.rawValue) failed: \(error)")
        }
        if let last = splitter.finish() {
            await deliver(last, stream: stream, into: continuation)
        }
    }

    private func deliver(
        _ line: LineSplitter.Line,
        stream: StandardStream,
        into continuation: AsyncStream<OutputLine>.Continuation
    ) async {
        let output = OutputLine(
            stream: stream,
            bytes: redactor.redact(bytes: line.bytes),
            truncatedBytes: line.truncatedBytes
        )
        logs?.write(output)
        control.lineQueued(output)
        continuation.yield(output)
        // Back-pressure: a slow consumer makes the pump wait, so the pipe fills and the agent blocks,
        // instead of aet buffering without bound.
        while control.pendingBytes > highWater {
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                return  // cancelled: nobody consumes any more
            }
        }
    }
}
