public import AetCore

/// What `aet process` should do.
public struct RunnerOptions: Sendable, Hashable {
    /// Only this ticket, or every queued ticket.
    public var ticket: TicketID?
    /// Keep watching for new tickets instead of returning when nothing is left to do.
    public var watch: Bool
    /// Return after one ticket has been worked to a final state (or to a wait).
    public var once: Bool
    /// Run every picked ticket in simple mode (one developer run), recorded as `ticket.mode_set`.
    public var forceSimple: Bool
    /// How often `watch` looks for new tickets.
    public var pollInterval: Duration
    /// How often a ticket being worked on is checked for a cancel by another process (`aet cancel`).
    public var cancelCheckInterval: Duration

    public init(
        ticket: TicketID? = nil, watch: Bool = false, once: Bool = false, forceSimple: Bool = false,
        pollInterval: Duration = .seconds(2), cancelCheckInterval: Duration = .milliseconds(250)
    ) {
        self.ticket = ticket
        self.watch = watch
        self.once = once
        self.forceSimple = forceSimple
        self.pollInterval = pollInterval
        self.cancelCheckInterval = cancelCheckInterval
    }
}

/// What a runner did.
public struct RunnerReport: Sendable, Hashable {
    /// Tickets worked on, with the status they ended in.
    public var tickets: [TicketID: TicketStatus] = [:]
    /// Stage runs started.
    public var stagesRun = 0
    /// Tickets left waiting, with why (dependencies not done, or work waiting to merge).
    public var waiting: [TicketID: String] = [:]
    /// Whether the runner was interrupted (Ctrl-C).
    public var interrupted = false
    /// Why the runner stopped taking tickets because a runtime is not ready (not installed, not
    /// authenticated): one sentence saying what is missing and how to fix it; nil otherwise.
    public var notReady: String?

    public init() {}
}
