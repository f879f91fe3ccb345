import AetCore
import AetStore
import Foundation
import GRDB
import Testing

/// `verify` finds every kind of damage done to the store file behind its back, says where, and
/// never quotes event contents.
@Suite struct VerifyTamperTests {
    enum Tamper: String, CaseIterable, CustomTestStringConvertible {
        case byteFlippedInFile = "one byte of a payload flipped in the file"
        case middleEventDeleted = "a middle event deleted"
        case lastEventDeleted = "a stream's last event deleted"
        case versionsSwapped = "two events' versions swapped"
        case projectionEdited = "tickets.priority edited"
        case countEdited = "event_counts edited"
        case typeRenamed = "an event type renamed in event_types"
        case payloadGarbage = "a payload replaced by garbage"
        case recordedAtChanged = "recorded_at changed"
        case metadataChanged = "metadata changed"
        case keyChanged = "idempotency key changed"
        case schemaVersionChanged = "schema version changed"
        case positionMoved = "position moved to the end"
        case streamHeadChanged = "event_streams.head_hash changed"

        var testDescription: String { rawValue }

        func apply(_ db: Database, _ fixture: TamperFixture) throws {
            let stream = fixture.t1StreamID
            switch self {
            case .byteFlippedInFile:
                return
            case .middleEventDeleted:
                try db.execute(sql: "DELETE FROM events WHERE stream_id = ? AND version = 3", arguments: [stream])
            case .lastEventDeleted:
                try db.execute(sql: "DELETE FROM events WHERE stream_id = ? AND version = 7", arguments: [stream])
            case .versionsSwapped:
                try db.execute(
                    sql: "UPDATE events SET version = -1 WHERE stream_id = ? AND version = 2",
                    arguments: [stream]
                )
                try db.execute(
                    sql: "UPDATE events SET version = 2 WHERE stream_id = ? AND version = 3",
                    arguments: [stream]
                )
                try db.execute(
                    sql: "UPDATE events SET version = 3 WHERE stream_id = ? AND version = -1",
                    arguments: [stream]
                )
            case .projectionEdited:
                try db.execute(sql: "UPDATE tickets SET priority = 99 WHERE id = 1")
            case .countEdited:
                try db.execute(sql: "UPDATE event_counts SET count = count + 1 WHERE type_name = 'ticket.created'")
            case .typeRenamed:
                try db.execute(
                    sql: "UPDATE event_types SET name = 'security.renamed' WHERE name = 'security.violation'"
                )
            case .payloadGarbage:
                try db.execute(
                    sql: "UPDATE events SET payload = x'FFFF' WHERE stream_id = ? AND version = 1",
                    arguments: [stream]
                )
            case .recordedAtChanged:
                try db.execute(
                    sql: "UPDATE events SET recorded_at = recorded_at + 1 WHERE stream_id = ? AND version = 4",
                    arguments: [stream]
                )
            case .metadataChanged:
                let other = EventMetadata(actor: "someone else").encoded()
                try db.execute(
                    sql: "UPDATE events SET metadata = ? WHERE stream_id = ? AND version = 4",
                    arguments: [Data(other), stream]
                )
            case .keyChanged:
                try db.execute(
                    sql: "UPDATE events SET idempotency_key = 'other' WHERE stream_id = ? AND version = 7",
                    arguments: [stream]
                )
            case .schemaVersionChanged:
                try db.execute(
                    sql: "UPDATE events SET schema_version = 2 WHERE stream_id = ? AND version = 4",
                    arguments: [stream]
                )
            case .positionMoved:
                try db.execute(
                    sql: """
                        UPDATE events SET position = (SELECT MAX(position) + 1 FROM events)
                        WHERE stream_id = ? AND version = 4
                        """,
                    arguments: [stream]
                )
            case .streamHeadChanged:
                try db.execute(
                    sql: "UPDATE event_streams SET head_hash = zeroblob(32) WHERE id = ?",
                    arguments: [stream]
                )
            }
        }
    }

    @Test("verify reports the damage where it is", arguments: Tamper.allCases)
    func detects(tamper: Tamper) async throws {
        try await withTemporaryDirectory { directory in
            let fixture = try await TamperFixture.make(in: directory)
            if tamper == .byteFlippedInFile {
                let flipped = try RawDatabase.flipByte(
                    inEveryOccurrenceOf: TamperFixture.flipMarker,
                    fileAt: fixture.path
                )
                try #require(flipped >= 1, "the marker is not in the database file")
            } else {
                try RawDatabase.write(fixture.path) { db in try tamper.apply(db, fixture) }
            }
            let store = try SQLiteEventStore(path: fixture.path)
            let report = try await store.verify(maxProblems: 1_000)
            #expect(!report.isClean)
            #expect(report.problemCount == report.problems.count)
            for problem in report.problems {
                #expect(
                    !problem.description.contains(TamperFixture.marker),
                    "a problem quotes an event's contents: \(problem)"
                )
                #expect(!problem.description.contains("FLIPME"), "a problem quotes an event's contents: \(problem)")
            }
            check(report, tamper, fixture)
        }
    }

    /// The problems each tamper must produce, where they must point.
    private func check(_ report: VerificationReport, _ tamper: Tamper, _ fixture: TamperFixture) {
        let t1 = StreamID.ticket(TicketID(1))
        func found(_ kind: VerificationProblem.Kind) -> [VerificationProblem] {
            report.problems.filter { $0.kind == kind }
        }
        func positions(_ kind: VerificationProblem.Kind) -> Set<EventPosition> {
            Set(found(kind).compactMap(\.position))
        }
        let summary = "\(report.problems.prefix(8))"
        switch tamper {
        case .byteFlippedInFile:
            #expect(report.problems.map(\.kind) == [.hashMismatch], "\(summary)")
            #expect(found(.hashMismatch).first?.position == fixture.position(ofVersion: 6))
            #expect(found(.hashMismatch).first?.stream == t1)
            #expect(found(.hashMismatch).first?.version == 6)
        case .middleEventDeleted:
            #expect(positions(.versionGap) == [fixture.position(ofVersion: 4)], "\(summary)")
            #expect(found(.versionGap).first?.version == 4)
            #expect(found(.positionGap).count == 1, "\(summary)")
            #expect(positions(.hashMismatch) == [fixture.position(ofVersion: 4)], "\(summary)")
        case .lastEventDeleted:
            #expect(found(.streamHead).map(\.stream) == [t1], "\(summary)")
            #expect(found(.streamHead).first?.version == 7)
            #expect(found(.hashMismatch).isEmpty, "\(summary)")
        case .versionsSwapped:
            let swapped: Set = [fixture.position(ofVersion: 2), fixture.position(ofVersion: 3)]
            #expect(swapped.isSubset(of: positions(.hashMismatch)), "\(summary)")
            #expect(found(.hashMismatch).allSatisfy { $0.stream == t1 })
        case .projectionEdited:
            #expect(report.problems.map(\.kind) == [.projectionMismatch], "\(summary)")
            #expect(found(.projectionMismatch).first?.stream == t1)
            #expect(found(.projectionMismatch).first?.message.contains("T-1") == true)
            #expect(found(.projectionMismatch).first?.message.contains("priority") == true)
        case .countEdited:
            #expect(report.problems.map(\.kind) == [.counterMismatch], "\(summary)")
            #expect(found(.counterMismatch).first?.message.contains("ticket.created") == true)
        case .typeRenamed:
            #expect(positions(.undecodable) == [fixture.position(ofVersion: 6)], "\(summary)")
            #expect(positions(.hashMismatch).contains(fixture.position(ofVersion: 6)), "\(summary)")
            #expect(!found(.counterMismatch).isEmpty, "\(summary)")
        case .payloadGarbage:
            #expect(positions(.hashMismatch) == [fixture.position(ofVersion: 1)], "\(summary)")
            #expect(positions(.undecodable) == [fixture.position(ofVersion: 1)], "\(summary)")
        case .recordedAtChanged, .metadataChanged, .schemaVersionChanged:
            #expect(positions(.hashMismatch) == [fixture.position(ofVersion: 4)], "\(summary)")
            if tamper == .schemaVersionChanged {
                #expect(positions(.undecodable) == [fixture.position(ofVersion: 4)], "\(summary)")
            }
        case .keyChanged:
            #expect(report.problems.map(\.kind) == [.hashMismatch], "\(summary)")
            #expect(positions(.hashMismatch) == [fixture.position(ofVersion: 7)])
        case .positionMoved:
            #expect(positions(.hashMismatch) == [EventPosition(Int64(fixture.eventCount) + 1)], "\(summary)")
            #expect(found(.positionGap).count == 1, "\(summary)")
        case .streamHeadChanged:
            #expect(report.problems.map(\.kind) == [.streamHead], "\(summary)")
            #expect(found(.streamHead).first?.stream == t1)
        }
    }

    @Test(
        "a projection edited behind the store's back is reported without quoting the ticket's text"
    )
    func descriptionEditedDoesNotLeak() async throws {
        try await withTemporaryDirectory { directory in
            let fixture = try await TamperFixture.make(in: directory)
            try RawDatabase.write(fixture.path) { db in
                try db.execute(sql: "UPDATE tickets SET description = 'x' WHERE id = 1")
            }
            let report = try await SQLiteEventStore(path: fixture.path).verify(maxProblems: 100)
            #expect(report.problems.map(\.kind) == [.projectionMismatch])
            #expect(report.problems.first?.message.contains("description") == true)
            for problem in report.problems {
                #expect(
                    !problem.description.contains(TamperFixture.marker),
                    "a problem quotes a ticket description: \(problem)"
                )
            }
        }
    }

    @Test(
        "an unreadable projection row does not stop verify from checking the rest of the log"
    )
    func unreadableProjectionRow() async throws {
        try await withTemporaryDirectory { directory in
            let fixture = try await TamperFixture.make(in: directory)
            let last = EventPosition(Int64(fixture.eventCount))
            try RawDatabase.write(fixture.path) { db in
                try db.execute(sql: "UPDATE tickets SET runs = x'FF' WHERE id = 1")
                try db.execute(
                    sql: "UPDATE events SET recorded_at = recorded_at + 1 WHERE position = ?",
                    arguments: [last.rawValue]
                )
            }
            let report = try await SQLiteEventStore(path: fixture.path).verify(maxProblems: 1_000)
            #expect(report.events == fixture.eventCount, "verify stopped after \(report.events) events")
            #expect(report.problems.contains { $0.kind == .hashMismatch && $0.position == last }, "\(report.problems)")
            #expect(report.problems.contains { $0.stream == .ticket(TicketID(1)) }, "\(report.problems)")
        }
    }
}
