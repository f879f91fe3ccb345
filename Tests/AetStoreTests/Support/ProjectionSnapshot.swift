import AetCore
import AetStore
import Testing

/// Everything the projections answer, read through the public store API.
struct ProjectionSnapshot: Equatable {
    var summaries: [TicketSummary]
    /// `ticket(id)` for every number from 1 to the highest ticket stream (nil where there is no row).
    var states: [TicketState?]
    var statusCounts: [TicketStatus: Int]
    var eventCounts: [String: Int]

    /// Reads every projection of `store`.
    static func take(_ store: some EventStore) async throws -> ProjectionSnapshot {
        let highest = try await store.maxTicketNumber()
        var states: [TicketState?] = []
        if highest > 0 {
            for number in 1...highest { states.append(try await store.ticket(TicketID(number))) }
        }
        return ProjectionSnapshot(
            summaries: try await store.tickets(statuses: nil, limit: .max),
            states: states,
            statusCounts: try await store.statusCounts(),
            eventCounts: try await store.eventCounts()
        )
    }

    /// Records one issue naming the first differences, instead of dumping both snapshots.
    func expectEqual(to expected: ProjectionSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        guard self != expected else { return }
        var differences: [String] = []
        if summaries.count != expected.summaries.count {
            differences.append("\(summaries.count) summaries, expected \(expected.summaries.count)")
        }
        for (actual, wanted) in zip(summaries, expected.summaries) where actual != wanted {
            differences.append("summary of \(wanted.id) differs: \(actual) vs expected \(wanted)")
            break
        }
        if states.count != expected.states.count {
            differences.append("\(states.count) ticket states, expected \(expected.states.count)")
        }
        for (index, (actual, wanted)) in zip(states, expected.states).enumerated() where actual != wanted {
            differences.append(
                "T-\(index + 1) differs: \(String(describing: actual)) vs expected \(String(describing: wanted))"
            )
            break
        }
        if statusCounts != expected.statusCounts {
            differences.append("status counts \(statusCounts) vs expected \(expected.statusCounts)")
        }
        if eventCounts != expected.eventCounts {
            differences.append("event counts \(eventCounts) vs expected \(expected.eventCounts)")
        }
        Issue.record("projections differ: \(differences.joined(separator: "; "))", sourceLocation: sourceLocation)
    }
}
