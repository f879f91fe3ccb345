import AetCore
import AetStore
import AetWorkspace

/// Works queued tickets through their pipelines: picks runnable tickets (priority, then age;
/// dependencies completed), and drives each one stage after another until it completes, fails
/// into the DLQ, or must wait. Up to ``SchedulerSettings/concurrency`` tickets run at once, each in
/// its own task; cancelling the runner (Ctrl-C) interrupts the runs, which are recorded as
/// `interrupted` and run again by the next `aet process`. A ticket cancelled by another process
/// (`aet cancel`) while it is worked on is noticed within ``RunnerOptions/cancelCheckInterval``: its
/// agent is stopped and its run recorded as `cancelled`.
public struct PipelineRunner: Sendable {
    public let environment: StageEnvironment

    public init(environment: StageEnvironment) { self.environment = environment }

    /// Runs until nothing is left to do (or forever with `watch`, until cancelled).
    /// - Parameter options: Which tickets, watch, once, simple.
    /// - Returns: What happened.
    /// - Throws: Store errors.
    public func run(_ options: RunnerOptions) async throws -> RunnerReport {
        var report = RunnerReport()
        var inFlight: Set<TicketID> = []
        var finishedOnce = false
        // Tickets whose work waits to merge: tried again after the poll interval with --watch, else not this run.
        var parked: [TicketID: ContinuousClock.Instant] = [:]
        var waitingToMerge: [TicketID: String] = [:]
        let limit = environment.settings.concurrency
        let readiness = RuntimeReadinessCheck(environment: environment)
        try await withThrowingTaskGroup(of: (TicketID, TicketStatus?, Int, String?).self) { group in
            while true {
                if Task.isCancelled { report.interrupted = true }
                if !report.interrupted && report.notReady == nil && !(options.once && finishedOnce)
                    && inFlight.count < limit
                {
                    let now = ContinuousClock.now
                    let resting = Set(parked.filter { !options.watch || $0.value > now }.keys)
                    let (runnable, waiting) = try await candidates(options, excluding: inFlight.union(resting))
                    report.waiting = waiting.merging(waitingToMerge) { first, _ in first }
                    for id in runnable.prefix(limit - inFlight.count) {
                        // A ticket whose runtimes are not ready is not taken: it stays as it is, nothing is appended.
                        if let ticket = try await environment.store.ticket(id),
                            let problem = await readiness.problem(for: ticket, forceSimple: options.forceSimple)
                        {
                            report.notReady = problem
                            break
                        }
                        inFlight.insert(id)
                        group.addTask { try await self.work(id, options: options) }
                    }
                }
                if inFlight.isEmpty {
                    guard options.watch, !report.interrupted, report.notReady == nil, !(options.once && finishedOnce)
                    else { break }
                    do { try await Task.sleep(for: options.pollInterval) } catch { report.interrupted = true }
                    continue
                }
                guard let (id, status, stages, notReady) = try await group.next() else { break }
                inFlight.remove(id)
                report.stagesRun += stages
                if let notReady, report.notReady == nil { report.notReady = notReady }
                if status == .waitingToMerge {
                    parked[id] = .now + options.pollInterval
                    let note = try await environment.store.ticket(id)?.stages.first { $0.status == .waiting }?.note
                    waitingToMerge[id] =
                        (note ?? "waiting to merge")
                        + " (it lands by itself once that is resolved; aet merge \(id) tries now)"
                    report.waiting[id] = waitingToMerge[id]
                } else {
                    parked[id] = nil
                    waitingToMerge[id] = nil
                    report.waiting[id] = nil
                    if let status, notReady == nil { report.tickets[id] = status }
                }
                finishedOnce = true
                if Task.isCancelled { report.interrupted = true }
            }
        }
        return report
    }

    /// Drives one ticket holding its work lock (so `aet cancel` removes its worktree only after its agent
    /// stopped), under a watch that stops the work when another process cancels the ticket.
    func work(_ id: TicketID, options: RunnerOptions) async throws -> (TicketID, TicketStatus?, Int, String?) {
        do {
            return try await environment.workspaces.withTicketLock(id, timeout: nil) {
                let watch = TicketCancellationWatch(
                    store: environment.store, ticket: id, interval: options.cancelCheckInterval,
                    logger: environment.logger)
                let (result, cancelled) = try await watch.run { try await self.drive(id, options: options) }
                guard cancelled else { return result }
                environment.progress(.ticketFinished(ticket: id, status: .cancelled, summary: "its agent was stopped"))
                return (id, .cancelled, result.2, nil)
            }
        } catch is CancellationError {
            return (id, nil, 0, nil)  // stopped (Ctrl-C) while waiting for another process to let go of the ticket
        }
    }

    /// The tickets that can make progress now (work waiting to merge included), best first, and those
    /// waiting for dependencies.
    func candidates(_ options: RunnerOptions, excluding busy: Set<TicketID>) async throws -> (
        [TicketID], [TicketID: String]
    ) {
        let store = environment.store
        var ids: [TicketID]
        if let only = options.ticket {
            ids = [only]
        } else {
            let summaries = try await store.tickets(statuses: [.queued, .running, .waitingToMerge], limit: 100_000)
            ids = summaries.sorted { ($0.priority, -$0.id.number) > ($1.priority, -$1.id.number) }.map(\.id)
        }
        var runnable: [TicketID] = []
        var waiting: [TicketID: String] = [:]
        for id in ids where !busy.contains(id) {
            guard let ticket = try await store.ticket(id) else { continue }
            switch try await decide(ticket) {
            case .none: continue
            case .waitForDependencies(let others):
                waiting[id] = "waits for \(others.map(\.description).joined(separator: ", "))"
            default: runnable.append(id)
            }
        }
        return (runnable, waiting)
    }

    func decide(_ ticket: TicketState) async throws -> NextStep {
        var statuses: [TicketID: TicketStatus] = [:]
        for dependency in ticket.dependencies {
            statuses[dependency] = try await environment.store.ticket(dependency)?.status
        }
        return PipelineDecider.next(
            for: ticket, dependencies: statuses, settings: environment.settings,
            classifiedAuto: try await wasAuto(ticket))
    }

    /// Whether the ticket was created in `auto` mode (then a failed simple run is promoted, not dead-lettered).
    func wasAuto(_ ticket: TicketState) async throws -> Bool {
        guard ticket.mode == .simple else { return false }
        for recorded in try await environment.store.readStream(.ticket(ticket.id)) {
            if case .ticketCreated(let created) = try recorded.decoded() { return created.mode == .auto }
        }
        return false
    }
}
