import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared, locked state of one supervision: the state machine, output counts, and the signals it
/// decides on. Used by the output pumps, the watchdog and the consumer of lines.
final class SupervisionControl: Sendable {
    private struct State {
        var machine: SupervisionStateMachine
        var statistics = OutputStatistics()
        var pendingBytes = 0
        var warnings: [String] = []
    }

    /// The leader's pid, which is also the group's id when ``ownGroup``.
    let pid: pid_t
    /// Whether the leader leads its own process group.
    let ownGroup: Bool
    private let state: Mutex<State>
    private let logger: Logger

    init(pid: pid_t, ownGroup: Bool, machine: SupervisionStateMachine, logger: Logger) {
        self.pid = pid
        self.ownGroup = ownGroup
        self.state = Mutex(State(machine: machine))
        self.logger = logger
    }

    /// Bytes arrived on a stream: counts them and resets the idle timer.
    func recordOutput(_ count: Int, from stream: StandardStream) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.machine.recordActivity(at: now)
            switch stream {
            case .standardOutput: state.statistics.standardOutputBytes += count
            case .standardError: state.statistics.standardErrorBytes += count
            }
        }
    }

    /// A line was queued for the consumer.
    func lineQueued(_ line: OutputLine) {
        state.withLock { state in
            state.pendingBytes += line.bytes.count + 1
            state.statistics.lines += 1
            if line.isTruncated { state.statistics.truncatedLines += 1 }
        }
    }

    /// The consumer handled a line.
    func lineConsumed(_ line: OutputLine) {
        state.withLock { $0.pendingBytes -= line.bytes.count + 1 }
    }

    /// Bytes queued but not yet handled by the consumer.
    var pendingBytes: Int { state.withLock { $0.pendingBytes } }

    /// Notes a problem that does not stop the run.
    func warn(_ warning: String) {
        state.withLock { $0.warnings.append(warning) }
    }

    /// Asks to stop the process now (SIGTERM at once, SIGKILL after the grace period).
    func requestStop(_ reason: StopReason) {
        state.withLock { $0.machine.requestStop(reason) }
        step()
    }

    /// Runs the state machine at the current time and sends the signal it decides on.
    /// - Returns: The action taken.
    @discardableResult
    func step() -> SupervisionStateMachine.Action {
        let now = ContinuousClock.now
        let action = state.withLock { $0.machine.next(now: now) }
        switch action {
        case .terminate(let reason):
            logger.debug(
                "stopping agent process group (SIGTERM)",
                metadata: [ProcessLogKey.pid: "\(pid)", ProcessLogKey.reason: "\(reason)"]
            )
            send(SIGTERM)
        case .kill:
            logger.debug(
                "grace period over: killing agent process group (SIGKILL)",
                metadata: [ProcessLogKey.pid: "\(pid)"]
            )
            send(SIGKILL)
        case .wait:
            break
        }
        return action
    }

    /// The process has exited: no more signals from the state machine.
    func markExited() {
        state.withLock { $0.machine.markExited() }
    }

    /// What the supervision decided and counted.
    var snapshot:
        (
            stopReason: StopReason?, terminationSentAt: ContinuousClock.Instant?, statistics: OutputStatistics,
            warnings: [String]
        )
    {
        state.withLock { ($0.machine.stopReason, $0.machine.terminationSentAt, $0.statistics, $0.warnings) }
    }

    private func send(_ signal: Int32) {
        if ownGroup {
            ProcessGroup(id: pid).signal(signal)
        } else {
            // Never signal a group that is not the agent's own: aet would signal itself.
            kill(pid, signal)
        }
    }
}

/// Metadata keys of the supervisor's log messages.
enum ProcessLogKey {
    static let pid = "aet.process.pid"
    static let reason = "aet.process.stop_reason"
    static let command = "aet.process.command"
    static let leftovers = "aet.process.leftovers"
    static let escaped = "aet.process.escaped"
    static let error = "aet.process.error"
}
