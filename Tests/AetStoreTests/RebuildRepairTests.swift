import AetCore
import AetStore
import GRDB
import Testing

/// Damaged projections are found by `verify` and repaired exactly by `rebuildProjections`.
@Suite struct RebuildRepairTests {
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case ticketsDeleted = "DELETE FROM tickets"
        case runsOfOneTicketDeleted = "the runs of T-1 deleted"
        case ticketRewritten = "UPDATE tickets SET status, description"
        case allProjectionsEmptied = "every projection table emptied"
        case stagesOfOneTicketDeleted = "the stages of T-2 deleted"
        case extraTicketRow = "a ticket row without a stream added"

        var testDescription: String { rawValue }

        /// The problem kinds verify must report (at least these).
        var expectedKinds: Set<VerificationProblem.Kind> {
            switch self {
            case .ticketsDeleted: [.projectionMissing]
            case .runsOfOneTicketDeleted, .ticketRewritten, .stagesOfOneTicketDeleted: [.projectionMismatch]
            case .allProjectionsEmptied: [.projectionMissing, .counterMismatch]
            case .extraTicketRow: [.projectionExtra]
            }
        }

        /// `x'0100'` is an empty array in the projection's binary format (format 1, count 0).
        func apply(_ db: Database) throws {
            switch self {
            case .ticketsDeleted:
                try db.execute(sql: "DELETE FROM tickets")
            case .runsOfOneTicketDeleted:
                try db.execute(sql: "UPDATE tickets SET runs = x'0100' WHERE id = 1")
            case .ticketRewritten:
                try db.execute(sql: "UPDATE tickets SET status = 'completed', description = 'x'")
            case .allProjectionsEmptied:
                let tables = try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                            AND name NOT IN ('events', 'event_streams', 'event_types', 'grdb_migrations')
                        """
                )
                #expect(Set(tables).isSuperset(of: ["tickets", "event_counts"]), "projection tables: \(tables)")
                for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
            case .stagesOfOneTicketDeleted:
                try db.execute(sql: "UPDATE tickets SET stages = x'0100' WHERE id = 2")
            case .extraTicketRow:
                try db.execute(sql: "CREATE TEMP TABLE copied AS SELECT * FROM tickets WHERE id = 1")
                try db.execute(sql: "UPDATE copied SET id = 9999")
                try db.execute(sql: "INSERT INTO tickets SELECT * FROM copied")
            }
        }
    }

    @Test("verify reports the damage and rebuild restores the projections exactly", arguments: Damage.allCases)
    func repair(damage: Damage) async throws {
        try await withTemporaryDirectory { directory in
            let path = storePath(in: directory)
            let store = try SQLiteEventStore(path: path)
            let tickets = try await store.appendInterleaved(count: 600, seed: 21)
            let before = try await ProjectionSnapshot.take(store)
            #expect(try await store.verify(maxProblems: 10).isClean)
            let t1 = try #require(before.states.first ?? nil)
            let t2 = try #require(before.states.dropFirst().first ?? nil)
            #expect(!t1.runs.isEmpty && !t2.stages.isEmpty, "the damage below would change nothing")

            try RawDatabase.write(path, damage.apply)

            let damaged = try await store.verify(maxProblems: 1_000)
            #expect(!damaged.isClean)
            let kinds = Set(damaged.problems.map(\.kind))
            #expect(damage.expectedKinds.isSubset(of: kinds), "reported: \(damaged.problems.prefix(5))")
            #expect(kinds.isSubset(of: [.projectionMissing, .projectionMismatch, .projectionExtra, .counterMismatch]))
            #expect(damaged.events == 600, "verify stopped before checking the whole log")
            if damage == .runsOfOneTicketDeleted {
                #expect(damaged.problems.map(\.stream) == [StreamID.ticket(TicketID(1))])
            }
            if damage == .ticketsDeleted {
                let missing = damaged.problems.filter { $0.kind == .projectionMissing }.compactMap(\.stream)
                #expect(Set(missing) == Set(tickets.map(StreamID.ticket)))
            }

            let report = try await store.rebuildProjections()
            #expect(report.events == 600)
            #expect(report.tickets == tickets.count)
            try await ProjectionSnapshot.take(store).expectEqual(to: before)
            let repaired = try await store.verify(maxProblems: 10)
            #expect(repaired.isClean, "\(repaired.problems)")
        }
    }

    @Test("an unreadable projection row is found by verify and repaired by rebuild")
    func garbageProjectionRow() async throws {
        try await withTemporaryDirectory { directory in
            let path = storePath(in: directory)
            let store = try SQLiteEventStore(path: path)
            try await store.appendInterleaved(count: 600, seed: 21)
            let before = try await ProjectionSnapshot.take(store)
            try RawDatabase.write(path) { db in try db.execute(sql: "UPDATE tickets SET runs = x'FF' WHERE id = 1") }
            await expectStoreError("corrupted") { _ = try await store.ticket(TicketID(1)) }
            #expect(try await store.verify(maxProblems: 1_000).isClean == false)

            let report = try await store.rebuildProjections()
            #expect(report.events == 600)
            try await ProjectionSnapshot.take(store).expectEqual(to: before)
            #expect(try await store.verify(maxProblems: 10).isClean)
        }
    }
}
