import AetCore
public import AetStore

/// Builds a realistic interleaved log: several tickets in flight at once, their events alternating,
/// as a real `aet process --parallel` run writes them.
public struct InterleavedLog: Sequence, IteratorProtocol, Sendable {
    private var generator: TicketLifecycleGenerator
    private var inFlight: [(ticket: TicketID, events: [DomainEvent], next: Int)] = []
    private var nextTicket = 1
    private let parallel: Int
    private var remaining: Int
    private var cursor = 0

    /// Creates a generator of `count` events.
    /// - Parameters:
    ///   - count: How many events in all.
    ///   - seed: The seed.
    ///   - parallel: How many tickets are in flight at once.
    ///   - firstTicket: The first ticket number to use.
    public init(count: Int, seed: UInt64, parallel: Int = 8, firstTicket: Int = 1) {
        generator = TicketLifecycleGenerator(seed: seed)
        self.parallel = parallel
        remaining = count
        nextTicket = firstTicket
    }

    /// The next event, with its stream and expected version, or nil after `count` events.
    public mutating func next() -> AppendRequest? {
        guard remaining > 0 else { return nil }
        while inFlight.count < parallel {
            let ticket = TicketID(nextTicket)
            nextTicket += 1
            inFlight.append((ticket, generator.lifecycle(of: ticket), 0))
        }
        cursor = (cursor + 1) % inFlight.count
        var slot = inFlight[cursor]
        let event = slot.events[slot.next]
        let request = AppendRequest(
            stream: .ticket(slot.ticket), expectedVersion: slot.next == 0 ? .noStream : .exact(Int64(slot.next)),
            events: [EventToAppend(event, metadata: EventMetadata(actor: "bench"))])
        slot.next += 1
        if slot.next == slot.events.count { inFlight.remove(at: cursor) } else { inFlight[cursor] = slot }
        remaining -= 1
        return request
    }
}
