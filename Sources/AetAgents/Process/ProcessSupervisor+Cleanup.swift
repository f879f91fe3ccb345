import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ProcessSupervisor {
    /// After the leader has exited and been reaped: stops what is left of its group (SIGTERM, grace,
    /// SIGKILL), waits until the group is gone, then kills processes that escaped the group but carry
    /// the run's marker. Runs to its end even when the calling task is cancelled.
    func cleanUp(after control: SupervisionControl, token: String, logger: Logger) async -> GroupCleanup {
        var cleanup = GroupCleanup()
        cleanup.ownProcessGroup = control.ownGroup
        let confirmation = configuration.killConfirmationTimeout
        if control.ownGroup {
            let group = ProcessGroup(id: control.pid)
            if !group.isQuiet {
                cleanup.leftoverProcesses = group.liveMembers?.count ?? 1
                logger.debug(
                    "agent exited but its process group lives on; stopping it",
                    metadata: [
                        ProcessLogKey.pid: "\(control.pid)", ProcessLogKey.leftovers: "\(cleanup.leftoverProcesses)",
                    ]
                )
                // The grace period counts from the first SIGTERM, whoever sent it.
                let terminationSentAt: ContinuousClock.Instant
                if let sentAt = control.snapshot.terminationSentAt {
                    terminationSentAt = sentAt
                } else {
                    group.signal(SIGTERM)
                    terminationSentAt = .now
                }
                let quiet = await group.waitUntilQuiet(deadline: terminationSentAt + configuration.effectiveGracePeriod)
                if !quiet {
                    group.signal(SIGKILL)
                    _ = await group.waitUntilQuiet(deadline: .now + confirmation)
                }
            }
            cleanup.groupGone = group.isQuiet
            if !cleanup.groupGone {
                logger.warning(
                    "agent process group still alive after SIGKILL",
                    metadata: [ProcessLogKey.pid: "\(control.pid)"]
                )
                control.warn("processes of the agent's group survived SIGKILL (pgid \(control.pid))")
            }
        } else {
            cleanup.groupGone = false
        }
        if configuration.sandbox.sweepEscapedProcesses {
            let escaped = ProcessTable.processes(withEnvironmentEntry: "\(Self.markerVariable)=\(token)")
            if !escaped.isEmpty {
                logger.warning(
                    "killing processes that escaped the agent's process group",
                    metadata: [ProcessLogKey.pid: "\(control.pid)", ProcessLogKey.escaped: "\(escaped)"]
                )
                control.warn("\(escaped.count) process(es) left the agent's process group and were killed: \(escaped)")
                for pid in escaped { kill(pid, SIGKILL) }
                let deadline = ContinuousClock.now + confirmation
                for pid in escaped {
                    while ProcessGroup.isRunning(pid), ContinuousClock.now < deadline {
                        await ProcessGroup.uncancellableSleep(.milliseconds(5))
                    }
                }
                cleanup.escapedProcesses = escaped
            }
        }
        return cleanup
    }
}
