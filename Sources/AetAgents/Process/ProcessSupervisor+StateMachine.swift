/// The pure decision logic of a supervision: when to send SIGTERM, when to escalate to SIGKILL, and
/// which deadline to wake up for. Fed with activity, stop requests and the clock; returns actions.
struct SupervisionStateMachine: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// What the supervisor should do now.
    enum Action: Hashable, Sendable {
        /// Nothing now; look again at this instant (`nil`: nothing is scheduled).
        case wait(until: Instant?)
        /// Send SIGTERM to the process group: the run is being stopped for this reason.
        case terminate(StopReason)
        /// Send SIGKILL to the process group: the grace period has passed.
        case kill
    }

    let startedAt: Instant
    let wallTimeout: Duration?
    let idleTimeout: Duration?
    let gracePeriod: Duration

    private(set) var lastActivity: Instant
    private(set) var stopReason: StopReason?
    private(set) var terminationSentAt: Instant?
    private(set) var killSent = false
    private(set) var exited = false

    init(startedAt: Instant, wallTimeout: Duration?, idleTimeout: Duration?, gracePeriod: Duration) {
        self.startedAt = startedAt
        self.wallTimeout = wallTimeout
        self.idleTimeout = idleTimeout
        self.gracePeriod = gracePeriod
        self.lastActivity = startedAt
    }

    /// The process wrote something.
    mutating func recordActivity(at now: Instant) {
        if now > lastActivity { lastActivity = now }
    }

    /// Asks to stop the process; the first reason wins, and nothing changes once it has exited.
    mutating func requestStop(_ reason: StopReason) {
        guard stopReason == nil, !exited else { return }
        stopReason = reason
    }

    /// The process has exited: no more signals.
    mutating func markExited() {
        exited = true
    }

    /// Decides what to do at `now`.
    mutating func next(now: Instant) -> Action {
        guard !exited else { return .wait(until: nil) }
        if stopReason == nil {
            if let wallTimeout, now >= startedAt + wallTimeout {
                stopReason = .wallTimeout
            } else if let idleTimeout, now >= lastActivity + idleTimeout {
                stopReason = .idleTimeout
            }
        }
        if let stopReason {
            guard let sentAt = terminationSentAt else {
                terminationSentAt = now
                return .terminate(stopReason)
            }
            guard !killSent else { return .wait(until: nil) }
            let killAt = sentAt + gracePeriod
            if now >= killAt {
                killSent = true
                return .kill
            }
            return .wait(until: killAt)
        }
        let deadlines = [wallTimeout.map { startedAt + $0 }, idleTimeout.map { lastActivity + $0 }].compactMap { $0 }
        return .wait(until: deadlines.min())
    }
}
