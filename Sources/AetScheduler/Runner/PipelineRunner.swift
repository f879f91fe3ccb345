public import AetCore
import AetStore
import AetWorkspace

/// Works queued tickets through their pipelines: picks runnable tickets (priority, then age;
/// dependencies completed), and drives each one stage after another until it completes, fails
/// into the DLQ, or must wait. Up to ``SchedulerSettings/concurrency`` tickets run at once, each in
/// its own task; cancelling the runner (Ctrl-C) interrupts the runs, which are recorded as
/// `interrupted` and run again by the next `aet process`.
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
        try await withThrowingTaskGroup(of: (TicketID, TicketStatus?, Int).self) { group in
            while true {
                if Task.isCancelled { report.interrupted = true }
                if !report.interrupted && !(options.once && finishedOnce) && inFlight.count < limit {
                    let now = ContinuousClock.now
                    let resting = Set(parked.filter { !options.watch || $0.value > now }.keys)
                    let (runnable, waiting) = try await candidates(options, excluding: inFlight.union(resting))
                    report.waiting = waiting.merging(waitingToMerge) { first, _ in first }
                    for id in runnable.prefix(limit - inFlight.count) {
                        inFlight.insert(id)
                        group.addTask { try await self.drive(id, options: options) }
                    }
                }
                if inFlight.isEmpty {
                    guard options.watch, !report.interrupted, !(options.once && finishedOnce) else { break }
                    do { try await Task.sleep(for: options.pollInterval) } catch { report.interrupted = true }
                    continue
                }
                guard let (id, status, stages) = try await group.next() else { break }
                inFlight.remove(id)
                report.stagesRun += stages
                if status == .waitingToMerge {
                    parked[id] = .now + options.pollInterval
                    let note = try await environment.store.ticket(id)?.stages.first { $0.status == .waiting }?.note
                    waitingToMerge[id] = (note ?? "waiting to merge")
                        + " (it lands by itself once that is resolved; aet merge \(id) tries now)"
                    report.waiting[id] = waitingToMerge[id]
                } else {
                    parked[id] = nil
                    waitingToMerge[id] = nil
                    report.waiting[id] = nil
                    if let status { report.tickets[id] = status }
                }
                finishedOnce = true
                if Task.isCancelled { report.interrupted = true }
            }
        }
        return report
    }

    /// The tickets that can make progress now (work waiting to merge included), best first, and those
    /// waiting for dependencies.
    func candidates(_ options: RunnerOptions, excluding busy: Set<TicketID>) async throws -> ([TicketID], [TicketID: String]) {
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
