public import AetCore
public import AetStore
public import Logging

/// Stops the work on one ticket when another process cancels it: while `body` runs, the ticket's
/// status is read every `interval` (one indexed row of the tickets projection); once it is
/// `cancelled`, `body`'s task is cancelled, which stops the agent's process group (SIGTERM, grace,
/// SIGKILL) and records the run as cancelled (docs/pipeline.md, "Cancelling").
///
/// ```swift
/// let (result, cancelled) = try await TicketCancellationWatch(store: store, ticket: id).run {
///     try await executor.executeInPlace(stage, of: ticket, directory: root)
/// }
/// ```
public struct TicketCancellationWatch: Sendable {
    /// The store the ticket's status is read from.
    public let store: any EventStore
    /// The ticket watched.
    public let ticket: TicketID
    /// How often its status is read.
    public let interval: Duration
    /// Where failed reads are logged (debug).
    public let logger: Logger

    /// Creates a watch.
    /// - Parameters:
    ///   - store: The event store.
    ///   - ticket: The ticket.
    ///   - interval: How often its status is read.
    ///   - logger: Where failed reads are logged.
    public init(
        store: any EventStore, ticket: TicketID, interval: Duration = .milliseconds(250),
        logger: Logger = Logger(label: "aet.scheduler")
    ) {
        self.store = store
        self.ticket = ticket
        self.interval = interval
        self.logger = logger
    }

    private enum Event<T: Sendable>: Sendable {
        case finished(T)
        case ticketCancelled
        case watchEnded
    }

    /// Runs `body` under the watch.
    /// - Returns: What `body` returned, and whether the watch cancelled it.
    /// - Throws: What `body` throws.
    public func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> (
        value: T, cancelled: Bool
    ) {
        try await withThrowingTaskGroup(of: Event<T>.self) { group in
            group.addTask { .finished(try await body()) }
            group.addTask { await watch() }
            var cancelled = false
            while let event = try await group.next() {
                switch event {
                case .finished(let value):
                    group.cancelAll()  // ends the watch
                    return (value, cancelled)
                case .ticketCancelled:
                    cancelled = true
                    group.cancelAll()  // stops the work; its result is still awaited above
                case .watchEnded:
                    continue
                }
            }
            throw CancellationError()  // the body always delivers a value or an error first
        }
    }

    /// Returns when the ticket is cancelled, or when the watch itself is cancelled.
    private func watch<T: Sendable>() async -> Event<T> {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return .watchEnded
            }
            do {
                if try await store.ticket(ticket)?.status == .cancelled { return .ticketCancelled }
            } catch {
                // A failed read is tried again at the next tick; the work goes on meanwhile.
                logger.debug(
                    "could not read the ticket's status", metadata: ["ticket": "\(ticket)", "error": "\(error)"])
            }
        }
    }
}
