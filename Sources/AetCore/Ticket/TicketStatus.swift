/// Where a ticket is in its life.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting to be processed.
    case queued
    /// A stage of it is being worked on.
    case running
    /// Every stage passed; the work is merged.
    case completed
    /// The work failed and is not in the dead-letter queue (e.g. removed from it).
    case failed
    /// The work failed after its retries and waits in the dead-letter queue.
    case deadLettered = "dead_lettered"
    /// A user cancelled it.
    case cancelled
    /// Its work is done and ready to merge, but the base branch's checkout has uncommitted changes to
    /// files the merge changes: it lands by itself once they are committed or reverted (`aet merge T-n`).
    case waitingToMerge = "waiting_to_merge"

    /// Whether nothing more happens to the ticket unless someone retries it.
    public var isTerminal: Bool {
        switch self {
        case .queued, .running, .waitingToMerge: false
        case .completed, .failed, .deadLettered, .cancelled: true
        }
    }

    /// Whether `aet retry` may put the ticket back in the queue.
    public var isRetryable: Bool {
        switch self {
        case .failed, .deadLettered, .cancelled: true
        case .queued, .running, .completed, .waitingToMerge: false
        }
    }
}
