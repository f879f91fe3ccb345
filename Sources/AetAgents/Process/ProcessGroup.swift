import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process group of one supervised process: signals to all of it, and the wait until it is gone.
///
/// The group's identifier is the process's own pid (it was spawned as a session leader). Signals go
/// to `-pid` only, so they can never reach aet's own group: if the process somehow did not get its
/// own group, there is no group with that identifier and group signals fail with `ESRCH`.
struct ProcessGroup: Sendable {
    /// The process-group identifier (= the leader's pid).
    let id: pid_t

    /// Whether the leader really leads its own group (checked right after spawn, while it is at worst
    /// an unreaped zombie). When the kernel cannot say, the spawn's `setsid` is trusted: signals to
    /// `-pid` can never reach another group anyway.
    static func leadsOwnGroup(_ pid: pid_t) -> Bool {
        let group = getpgid(pid)
        return group == pid || group == -1
    }

    /// Sends a signal to every process of the group.
    /// - Returns: `false` when no process of the group exists any more.
    @discardableResult
    func signal(_ signal: Int32) -> Bool {
        kill(-id, signal) == 0
    }

    /// Whether any process of the group still exists, zombies included.
    var exists: Bool {
        kill(-id, 0) == 0 || errno == EPERM
    }

    /// The group's processes that are still running (zombies excluded); `nil` when unknown.
    var liveMembers: [pid_t]? { ProcessTable.liveMembers(ofGroup: id) }

    /// Whether nothing of the group runs any more (zombies awaiting their reaper do not count).
    var isQuiet: Bool {
        guard exists else { return true }
        if let members = liveMembers { return members.isEmpty }
        return false
    }

    /// Whether the (not yet reaped) leader has exited. Does not reap it.
    static func leaderHasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            return errno == ECHILD
        }
        #if canImport(Glibc) || canImport(Musl)
        return info._sifields._sigchld.si_pid != 0
        #else
        return info.si_pid != 0
        #endif
    }

    /// Whether a process is running: it exists and is not a zombie awaiting its reaper.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return ProcessTable.entry(pid).map { !$0.isZombie } ?? !ProcessTable.isAvailable
    }

    /// Waits until no process of the group runs any more, or the deadline passes. Zombies do not
    /// count: once a process is dead, reaping it is its parent's (often init's) business, and some
    /// inits reap only every second or so. Runs to its end even when the calling task is cancelled
    /// (this is cleanup).
    /// - Parameter deadline: The latest time to return.
    /// - Returns: Whether the group became quiet.
    func waitUntilQuiet(deadline: ContinuousClock.Instant) async -> Bool {
        var interval = Duration.milliseconds(2)
        while true {
            if isQuiet { return true }
            let now = ContinuousClock.now
            guard now < deadline else { return false }
            await Self.uncancellableSleep(min(interval, now.duration(to: deadline)))
            interval = min(interval * 2, .milliseconds(50))
        }
    }

    /// Sleeps for a duration even if the calling task is cancelled: cleanup must finish its waits.
    /// Uses a Dispatch timer, not a thread block.
    static func uncancellableSleep(_ duration: Duration) async {
        let nanoseconds = max(
            0,
            duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        )
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) {
                continuation.resume()
            }
        }
    }
}
