import AetCore
import AetStore
import Foundation
import GRDB

/// A closed store file of about 300 events, whose ticket T-1 is written by hand so tests know its
/// events: a description holding ``marker`` and a security violation holding ``flipMarker``.
struct TamperFixture {
    /// Text in T-1's description (payload and projection); no problem message may quote it.
    static let marker = "MARKER-7f3a"
    /// Text in T-1's security violation only (not projected), whose byte the file tamper flips.
    static let flipMarker = "FLIPME-2b9e0c5d"

    let path: String
    /// T-1's events: `t1[0]` is version 1.
    let t1: [RecordedEvent]
    /// The row id of T-1's stream in `event_streams`.
    let t1StreamID: Int64
    let eventCount: Int

    /// The position of T-1's event at `version`.
    func position(ofVersion version: Int) -> EventPosition { t1[version - 1].position }

    /// Builds the log in `directory` and closes the store.
    static func make(in directory: URL) async throws -> TamperFixture {
        let path = storePath(in: directory)
        let t1: [RecordedEvent]
        let count: Int
        do {
            let store = try SQLiteEventStore(path: path)
            let run = RunID(ticket: TicketID(1), stage: .implement, attempt: 1)
            let events = [
                Events.created(1, "\(marker) split the parser"),
                Events.stageStarted(.implement),
                EventToAppend(
                    .runStarted(RunStarted(run: run, stage: .implement, attempt: 1, runtime: "claude")),
                    metadata: Events.metadata
                ),
                EventToAppend(
                    .runFinished(
                        RunFinished(
                            run: run,
                            status: .succeeded,
                            exitCode: 0,
                            durationMilliseconds: 9_000,
                            tokensIn: 1_000,
                            tokensOut: 200,
                            costMicros: 6_000,
                            reason: nil
                        )
                    ),
                    metadata: Events.metadata
                ),
                EventToAppend(
                    .stageCompleted(StageCompleted(stage: .implement, summary: "\(marker) done")),
                    metadata: Events.metadata
                ),
                Events.violation("\(flipMarker)/secrets.txt", run: run),
                Events.keyed(Events.completed("\(marker) merged"), "complete-T-1"),
            ]
            _ = try await store.append(events, to: .ticket(TicketID(1)), expectedVersion: .noStream)
            try await store.appendInterleaved(count: 300, seed: 7, firstTicket: 2)
            t1 = try await store.readStream(.ticket(TicketID(1)))
            count = Int(try await store.headPosition().rawValue)
            let report = try await store.verify(maxProblems: 10)
            guard report.isClean, t1.count == 7 else {
                throw TestFailure("the fixture log is not clean: \(report.problems)")
            }
        }
        let streamID = try RawDatabase.read(path) { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM event_streams WHERE name = 'ticket/T-1'")
        }
        guard let streamID else { throw TestFailure("no stream row for T-1") }
        return TamperFixture(path: path, t1: t1, t1StreamID: streamID, eventCount: count)
    }
}
