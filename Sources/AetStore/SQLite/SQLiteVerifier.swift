import AetCore
import Dispatch
import GRDB
import Synchronization

/// `aet verify-state`: checks every stream's version sequence and hash chain, the stream headers,
/// global positions, and diffs a replay of the log against the stored projections.
///
/// On a file store the log is cut into ranges of streams (``LogPartition``) verified on two
/// threads, each with its own read connection of the pool. Both connections must see one snapshot:
/// they start their read transactions while the writer's lock is held (for a moment only, so
/// writers wait milliseconds, not for the whole verification). Problems are reported in the order
/// a single walk finds them: range by range, then the whole-log checks.
enum SQLiteVerifier {
    /// What a walk over some ranges found.
    struct Findings: Sendable {
        var problems: [VerificationProblem] = []
        var problemCount = 0
        var events = 0
        var streams = 0
        var tickets = 0
        var counts = TypeCounts()

        mutating func add(_ other: Findings, maxProblems: Int) {
            problemCount += other.problemCount
            if problems.count < maxProblems {
                problems.append(contentsOf: other.problems.prefix(maxProblems - problems.count))
            }
            events += other.events
            streams += other.streams
            tickets += other.tickets
            counts.add(other.counts)
        }

        mutating func report(
            _ kind: VerificationProblem.Kind, _ stream: StreamID?, _ position: EventPosition?, _ version: Int64?,
            _ message: @autoclosure () -> String, maxProblems: Int
        ) {
            problemCount += 1
            if problems.count < maxProblems {
                problems.append(
                    VerificationProblem(
                        kind: kind, stream: stream, position: position, version: version, message: message()))
            }
        }
    }

    /// Verifies on `db` alone (inside one read transaction).
    static func run(_ db: Database, maxProblems: Int) throws -> Findings {
        let replay = try SQLiteReplay(db)
        var walker = try Walker(db, maxProblems: maxProblems, replay: replay)
        try replay.walk(&walker, withIntegrityColumns: true)
        var findings = walker.findings
        try finish(db, replay: replay, findings: &findings, maxProblems: maxProblems)
        return findings
    }

    /// Verifies with two read connections of `pool` on one snapshot.
    static func run(pool: DatabasePool, maxProblems: Int) async throws -> Findings {
        let helpers = LogPartition.helperCount + 1
        let shared = Shared(helpers: helpers)
        let group = DispatchGroup()
        try await pool.writeWithoutTransaction { db in
            // The write lock pins the snapshot while the readers start their transactions.
            try db.inTransaction(.immediate) {
                let ranges = try LogPartition.ranges(db, count: LogPartition.rangeCount)
                let work = WorkQueue(count: ranges.count)
                shared.setRanges(ranges.count)
                let started = DispatchSemaphore(value: 0)
                for _ in 0..<helpers {
                    group.enter()
                    DispatchQueue.global(qos: .userInitiated).async {
                        defer { group.leave() }
                        var signalled = false
                        do {
                            try pool.read { reader in
                                let replay = try SQLiteReplay(reader)  // reads: the snapshot is now fixed
                                signalled = true
                                started.signal()
                                while let index = work.claim() {
                                    var walker = try Walker(reader, maxProblems: maxProblems, replay: replay)
                                    try replay.walk(&walker, withIntegrityColumns: true, streams: ranges[index])
                                    shared.store(walker.findings, at: index)
                                }
                                // The last thread to finish checks the whole log, still on the snapshot.
                                if shared.finishHelper() {
                                    var findings = try shared.merged(maxProblems: maxProblems)
                                    try finish(reader, replay: replay, findings: &findings, maxProblems: maxProblems)
                                    shared.setResult(findings)
                                }
                            }
                        } catch {
                            work.cancel()
                            shared.fail(error)
                        }
                        if !signalled { started.signal() }
                    }
                }
                for _ in 0..<helpers { started.wait() }
                return .rollback
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { continuation.resume() }
        }
        return try shared.result()
    }

    /// The results of a parallel verification, filled by its threads.
    private final class Shared: Sendable {
        private struct State {
            var partial: [Findings?] = []
            var running: Int
            var failure: (any Error)?
            var result: Findings?
        }
        private let state: Mutex<State>

        init(helpers: Int) { state = Mutex(State(running: helpers)) }

        func setRanges(_ count: Int) { state.withLock { $0.partial = Array(repeating: nil, count: count) } }
        func store(_ findings: Findings, at index: Int) { state.withLock { $0.partial[index] = findings } }
        func fail(_ error: any Error) {
            state.withLock {
                if $0.failure == nil { $0.failure = error }
                $0.running -= 1
            }
        }
        /// True for the last thread to finish, when none failed.
        func finishHelper() -> Bool {
            state.withLock {
                $0.running -= 1
                return $0.running == 0 && $0.failure == nil
            }
        }
        func merged(maxProblems: Int) throws -> Findings {
            try state.withLock { state in
                var merged = Findings()
                for partial in state.partial {
                    guard let partial else { throw StoreError.unavailable("a verification thread stopped early.") }
                    merged.add(partial, maxProblems: maxProblems)
                }
                return merged
            }
        }
        func setResult(_ findings: Findings) { state.withLock { $0.result = findings } }
        func result() throws -> Findings {
            try state.withLock { state in
                if let failure = state.failure { throw failure }
                guard let result = state.result else {
                    throw StoreError.unavailable("the verification did not finish.")
                }
                return result
            }
        }
    }

    // MARK: Whole-log checks

    private static func finish(_ db: Database, replay: SQLiteReplay, findings: inout Findings, maxProblems: Int) throws
    {
        try checkPositions(db, &findings, maxProblems)
        try checkProjectionExtras(db, &findings, maxProblems)
        var replayed: [String: Int] = [:]
        for (type, count) in findings.counts.all { replayed[replay.typeNames[type] ?? "#\(type)"] = count }
        try compareCounts(db, replayed, &findings, maxProblems)
    }

    private static func checkPositions(_ db: Database, _ findings: inout Findings, _ maxProblems: Int) throws {
        let totals = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM events")
        let count: Int64 = totals?[0] ?? 0
        let maxPosition: Int64 = totals?[1] ?? 0
        if count != maxPosition {
            findings.report(
                .positionGap, nil, nil, nil,
                "the log holds \(count) events but its last position is \(maxPosition): \(maxPosition - count) events were deleted",
                maxProblems: maxProblems)
        }
    }

    private static func checkProjectionExtras(_ db: Database, _ findings: inout Findings, _ maxProblems: Int) throws {
        let storedTickets = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets") ?? 0
        if storedTickets != findings.tickets {
            let extras = try Int.fetchAll(
                db,
                sql: """
                    SELECT id FROM tickets t WHERE NOT EXISTS
                        (SELECT 1 FROM event_streams s WHERE s.name = 'ticket/T-' || t.id) ORDER BY id LIMIT 100
                    """)
            for id in extras where id > 0 {
                findings.report(
                    .projectionExtra, .ticket(TicketID(id)), nil, nil,
                    "the tickets projection has a row for T-\(id) but the log has no such ticket",
                    maxProblems: maxProblems)
            }
        }
    }

    private static func compareCounts(
        _ db: Database, _ replayed: [String: Int], _ findings: inout Findings, _ maxProblems: Int
    ) throws {
        var stored: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT type_name, count FROM event_counts") {
            stored[row[0]] = row[1]
        }
        for type in Set(replayed.keys).union(stored.keys).sorted() where replayed[type] != stored[type] {
            findings.report(
                .counterMismatch, nil, nil, nil,
                "event_counts says \(stored[type] ?? 0) events of type \(type.prefix(60)) but the log holds \(replayed[type] ?? 0)",
                maxProblems: maxProblems)
        }
    }

    // MARK: The walk

    /// Verifies the events of a range of streams.
    private struct Walker: ReplayVisitor {
        private let maxProblems: Int
        private let types: SQLiteReplay.TypeTable
        private(set) var findings = Findings()
        private var hasher = EventHasher()
        private var expectedVersion: Int64 = 1
        private var previousHash = EventHasher.genesis
        private var state: TicketState?
        private var load: RawStatement

        init(_ db: Database, maxProblems: Int, replay: SQLiteReplay) throws {
            self.maxProblems = maxProblems
            self.types = replay.types
            self.load = try TicketTable.loadStatement(db)
        }

        mutating func event(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ event: DomainEvent?) throws {
            findings.events += 1
            findings.counts.increment(row.typeID)
            if row.version != expectedVersion {
                report(
                    .versionGap, stream.name, row.position, row.version,
                    "expected version \(expectedVersion) but found \(row.version): an event is missing or out of order")
            }
            expectedVersion = row.version + 1
            let digest = previousHash.withUnsafeBytes { previous in
                hasher.hash(
                    previous: previous, position: row.position, stream: stream.name.rawValue, version: row.version,
                    typeName: types[row.typeID]?.typeName ?? "", schemaVersion: row.schemaVersion,
                    recordedAt: row.recordedAt,
                    idempotencyKey: row.idempotencyKey, payload: row.payload, metadata: row.metadata)
            }
            if !digest.matches(row.hash) {
                report(
                    .hashMismatch, stream.name, row.position, row.version,
                    "the stored hash does not match the event's contents and its predecessor: the event or the one before it was changed"
                )
            }
            previousHash.replaceSubrange(0..<previousHash.count, with: row.hash)
            if stream.ticket != nil, let event { TicketReducer.apply(event, context: row.context, to: &state) }
        }

        mutating func undecodable(_ stream: SQLiteReplay.Stream, _ row: SQLiteReplay.Row, _ reason: String) throws {
            report(.undecodable, stream.name, row.position, row.version, reason)
        }

        mutating func streamEnd(_ stream: SQLiteReplay.Stream) throws {
            findings.streams += 1
            if stream.headVersion != expectedVersion - 1 || stream.headHash != previousHash {
                report(
                    .streamHead, stream.name, nil, stream.headVersion,
                    "the stream header says version \(stream.headVersion) but the last stored event is version \(expectedVersion - 1) (or its hash differs): events were deleted or added behind aet's back"
                )
            }
            if let ticket = stream.ticket { try compare(ticket, replayed: state, stream: stream.name) }
            expectedVersion = 1
            previousHash.replaceSubrange(0..<previousHash.count, with: EventHasher.genesis)
            state = nil
        }

        mutating func emptyStream(_ stream: SQLiteReplay.Stream) throws {
            findings.streams += 1
            report(
                .streamHead, stream.name, nil, stream.headVersion,
                "the stream header says version \(stream.headVersion) but the stream has no events")
            if let ticket = stream.ticket { try compare(ticket, replayed: nil, stream: stream.name) }
        }

        mutating func orphan(streamID: Int64, position: Int64) throws {
            report(.orphanEvent, nil, position, nil, "the event belongs to no stream in event_streams")
        }

        private mutating func compare(_ ticket: TicketID, replayed: TicketState?, stream: StreamID) throws {
            let stored: TicketState?
            do {
                stored = try TicketTable.load(ticket, using: &load)
            } catch let error as StoreError where error.isCorrupted {
                // One damaged row must not hide the rest of the log: report it and go on.
                if replayed != nil { findings.tickets += 1 }
                report(
                    .projectionMismatch, stream, replayed?.lastPosition, replayed?.version,
                    "the projection row of \(ticket) cannot be read: \(error.description)")
                return
            }
            if replayed != nil { findings.tickets += 1 }
            switch (replayed, stored) {
            case (nil, nil): return
            case (.some, nil):
                report(.projectionMissing, stream, nil, nil, "the tickets projection has no row for \(ticket)")
            case (nil, .some):
                report(
                    .projectionExtra, stream, nil, nil,
                    "the tickets projection has a row for \(ticket) but its stream creates no ticket")
            case (let replayed?, let stored?) where replayed != stored:
                let fields = ProjectionDiff.differences(stored: stored, replayed: replayed)
                report(
                    .projectionMismatch, stream, replayed.lastPosition, replayed.version,
                    "the projection of \(ticket) differs from a replay of its events: \(fields.joined(separator: "; "))"
                )
            default: return
            }
        }

        private mutating func report(
            _ kind: VerificationProblem.Kind, _ stream: StreamID?, _ position: Int64, _ version: Int64?,
            _ message: String
        ) {
            findings.report(kind, stream, EventPosition(position), version, message, maxProblems: maxProblems)
        }

        private mutating func report(
            _ kind: VerificationProblem.Kind, _ stream: StreamID?, _ position: EventPosition?, _ version: Int64?,
            _ message: String
        ) {
            findings.report(kind, stream, position, version, message, maxProblems: maxProblems)
        }
    }
}
