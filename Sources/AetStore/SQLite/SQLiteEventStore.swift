public import AetCore
import Foundation
import GRDB
public import Logging

/// The embedded event store: one SQLite file in WAL mode (GRDB), safe for several `aet` processes at once.
///
/// ```swift
/// let store = try SQLiteEventStore(path: ".aet/aet.db")
/// let service = TicketService(store: store, actor: "cli")
/// let id = try await service.create(TicketDraft(description: "add a README"))
/// ```
public final class SQLiteEventStore: EventStore {
    private let writer: any DatabaseWriter
    private let now: @Sendable () -> Timestamp
    private let logger: Logger
    /// Where the database lives, or nil in memory.
    public let path: String?

    /// How long a writer waits for another process's transaction before failing.
    public static let busyTimeout: Double = 30

    /// Opens the database file at `path`, creating and migrating it when needed.
    /// - Parameters:
    ///   - path: The database file (its directory must exist).
    ///   - now: The clock stamped on appended events.
    ///   - logger: Where store diagnostics go.
    /// - Throws: ``StoreError`` when the file cannot be opened or migrated.
    public init(
        path: String, now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        logger: Logger = Logger(label: "aet.store")
    ) throws {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard
            directory.isEmpty
                || (FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
                    && isDirectory.boolValue)
        else {
            throw StoreError.unavailable(
                "the store's directory \(directory) does not exist: create it or run aet init.")
        }
        if let problem = StoreFile.inspect(path).problem(at: path, creating: true) {
            throw StoreError.unavailable(problem)
        }
        // Held until the schema is migrated: concurrent first opens of a new store wait their turn.
        let lock = try FileLock(path: path + "-open.lock")
        do {
            writer = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw StoreError.unavailable(
                "cannot open the store at \(path): \(Self.reason(error))", detail: String(describing: error))
        }
        self.path = path
        self.now = now
        self.logger = logger
        try migrate()
        // The log holds ticket texts and agents' outputs: readable by the user only. SQLite gives its
        // -wal and -shm files the database file's mode when it creates them.
        for file in [path, path + "-wal", path + "-shm", path + "-open.lock"] { chmod(file, 0o600) }
        _ = consume lock
    }

    /// Opens an existing store for reading only: no file is created or changed (no migration, no
    /// lock file), so it works on a read-only `.aet/` or a copy of someone's store. Appends fail.
    /// - Parameters:
    ///   - path: The database file.
    ///   - logger: Where store diagnostics go.
    /// - Throws: ``StoreError`` when there is no store at `path`, it is not an aet store, its schema is
    ///   older than this aet (a writing command upgrades it), or it cannot be read.
    public init(readingOnly path: String, logger: Logger = Logger(label: "aet.store")) throws {
        if let problem = StoreFile.inspect(path).problem(at: path, creating: false) {
            throw StoreError.unavailable(problem)
        }
        var configuration = Self.configuration
        configuration.readonly = true
        // A WAL database that nobody has open has no -wal file. Reading it normally would create the
        // -wal and -shm files (and leave them, as a read-only connection cannot remove them): read the
        // file as immutable instead, which creates nothing. With a -wal present (a writer is at work,
        // or one stopped uncleanly) its pages are needed: read through SQLite's WAL as usual.
        let walPresent = FileManager.default.fileExists(atPath: path + "-wal")
        let location = walPresent ? path : "file:" + Self.uriPath(path) + "?immutable=1"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: location, configuration: configuration)
        } catch {
            throw StoreError.unavailable(
                "cannot read the store at \(path): \(Self.reason(error))", detail: String(describing: error))
        }
        do {
            let current = try queue.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) }
            guard current else {
                throw StoreError.migration(
                    "the store at \(path) was made by an older aet: run a command that writes (e.g. aet rebuild) to upgrade it."
                )
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(
                "cannot read the store at \(path): \(Self.reason(error))", detail: String(describing: error))
        }
        self.writer = queue
        self.path = path
        self.now = { Timestamp.now() }
        self.logger = logger
    }

    /// `path` escaped for an SQLite URI (`%`, `?` and `#` are special there).
    static func uriPath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
    }

    private init(writer: any DatabaseWriter, now: @escaping @Sendable () -> Timestamp, logger: Logger) throws {
        self.writer = writer
        self.path = nil
        self.now = now
        self.logger = logger
        try migrate()
    }

    /// A private store in memory, for tests and benchmarks.
    /// - Parameters:
    ///   - now: The clock stamped on appended events.
    ///   - logger: Where store diagnostics go.
    /// - Returns: An empty, migrated store.
    /// - Throws: ``StoreError`` when SQLite cannot be set up.
    public static func inMemory(
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }, logger: Logger = Logger(label: "aet.store")
    ) throws -> SQLiteEventStore {
        do {
            return try SQLiteEventStore(
                writer: try DatabaseQueue(configuration: configuration), now: now, logger: logger)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(
                "cannot create an in-memory store: \(reason(error))", detail: String(describing: error))
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "aet.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A bounded page cache (32 MiB) large enough that rebuild and verify do not re-read pages.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        return configuration
    }

    private func migrate() throws {
        do {
            try SQLiteSchema.migrator.migrate(writer)
        } catch {
            throw StoreError.migration(
                "cannot prepare the store's schema: \(Self.reason(error))", detail: String(describing: error))
        }
    }

    /// Closes the database connections now, instead of when the store is released; afterwards
    /// every call fails. Use it before deleting the database's directory.
    /// - Throws: ``StoreError`` when a connection cannot be closed (e.g. a statement is still running).
    public func close() throws {
        do { try writer.close() } catch {
            throw StoreError.unavailable(
                "cannot close the store: \(Self.reason(error))", detail: String(describing: error))
        }
    }

    // MARK: Appending

    public func append(_ events: [EventToAppend], to stream: StreamID, expectedVersion: ExpectedVersion) async throws
        -> AppendResult
    {
        let results = try await appendBatch([
            AppendRequest(stream: stream, expectedVersion: expectedVersion, events: events)
        ])
        return results[0]
    }

    public func appendBatch(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        guard !requests.isEmpty else { return [] }
        let timestamp = now()
        let results = try await withStoreErrors {
            try await writer.writeWithoutTransaction { db in
                var results: [AppendResult] = []
                try db.inTransaction(.immediate) {
                    var session = try SQLiteAppendSession(db, now: timestamp)
                    results = try requests.map { try session.append($0) }
                    try session.finish()
                    return .commit
                }
                return results
            }
        }
        logger.debug(
            "appended",
            metadata: [
                "aet.store.requests": "\(requests.count)",
                "aet.store.events": "\(results.reduce(0) { $0 + $1.events.count })",
            ])
        return results
    }

    // MARK: Reading

    public func readAll(after position: EventPosition, limit: Int?, _ body: (RecordedEvent) throws -> Void) async throws
    {
        let pageSize = 1000
        var cursor = position
        var remaining = limit ?? Int.max
        while remaining > 0 {
            let start = cursor
            let take = min(pageSize, remaining)
            let page = try await withStoreErrors {
                try await writer.read { db in
                    var page: [RecordedEvent] = []
                    try SQLiteEventReader.readAll(after: start, limit: take, db) { page.append($0) }
                    return page
                }
            }
            for event in page { try body(event) }
            guard page.count == take, let last = page.last else { return }
            cursor = last.position
            remaining -= page.count
        }
    }

    public func readStream(_ stream: StreamID) async throws -> [RecordedEvent] {
        try await withStoreErrors { try await writer.read { db in try SQLiteEventReader.readStream(stream, db) } }
    }

    public func headPosition() async throws -> EventPosition {
        try await withStoreErrors {
            try await writer.read { db in
                EventPosition(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position), 0) FROM events") ?? 0)
            }
        }
    }

    public func ticket(_ id: TicketID) async throws -> TicketState? {
        try await withStoreErrors { try await writer.read { db in try TicketTable.load(id, db) } }
    }

    public func tickets(statuses: Set<TicketStatus>?, limit: Int) async throws -> [TicketSummary] {
        let names = statuses.map { $0.map(\.rawValue).sorted() }
        return try await withStoreErrors {
            try await writer.read { db in
                guard let names else { return try TicketTable.summaries(where: "1", limit: limit, db) }
                let quoted = names.map { "'\($0)'" }.joined(separator: ", ")  // enum raw values, never user input
                return try TicketTable.summaries(where: "status IN (\(quoted))", limit: limit, db)
            }
        }
    }

    public func statusCounts() async throws -> [TicketStatus: Int] {
        try await withStoreErrors {
            try await writer.read { db in
                var counts: [TicketStatus: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM tickets GROUP BY status") {
                    guard let status = TicketStatus(rawValue: row[0]) else {
                        throw StoreError.corrupted("the tickets projection holds an unknown status: run aet rebuild.")
                    }
                    counts[status] = row[1]
                }
                return counts
            }
        }
    }

    public func maxTicketNumber() async throws -> Int {
        try await withStoreErrors {
            try await writer.read { db in
                // Streams, not the projection: a ticket exists once its stream does.
                let names = try String.fetchAll(
                    db, sql: "SELECT name FROM event_streams WHERE name LIKE 'ticket/T-%' ORDER BY id DESC LIMIT 64")
                return names.compactMap { StreamID(rawValue: $0).ticketID?.number }.max() ?? 0
            }
        }
    }

    public func eventCounts() async throws -> [String: Int] {
        try await withStoreErrors {
            try await writer.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT type_name, count FROM event_counts") {
                    counts[row[0]] = row[1]
                }
                return counts
            }
        }
    }

    // MARK: Rebuild and verify

    public func rebuildProjections() async throws -> RebuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        let totals = try await withStoreErrors {
            try await writer.writeWithoutTransaction { db in
                var totals = (events: 0, streams: 0, tickets: 0)
                try db.inTransaction(.immediate) {
                    if let pool = writer as? DatabasePool {
                        totals = try SQLiteRebuild.run(db, pool: pool)
                    } else {
                        totals = try SQLiteRebuild.run(db)
                    }
                    return .commit
                }
                return totals
            }
        }
        let report = RebuildReport(
            events: totals.events, streams: totals.streams, tickets: totals.tickets,
            seconds: (clock.now - start).seconds)
        logger.debug(
            "rebuilt projections",
            metadata: ["aet.store.events": "\(report.events)", "aet.store.seconds": "\(report.seconds)"])
        return report
    }

    public func verify(maxProblems: Int) async throws -> VerificationReport {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let findings = try await withStoreErrors {
                if let pool = writer as? DatabasePool {
                    return try await SQLiteVerifier.run(pool: pool, maxProblems: maxProblems)
                }
                return try await writer.read { db in try SQLiteVerifier.run(db, maxProblems: maxProblems) }
            }
            var report = VerificationReport(
                events: findings.events, streams: findings.streams, tickets: findings.tickets,
                problems: findings.problems, problemCount: findings.problemCount, seconds: 0)
            report.seconds = (clock.now - start).seconds
            return report
        } catch let error as StoreError where error.isCorrupted {
            let problem = VerificationProblem(
                kind: .unreadable, stream: nil, position: nil, version: nil, message: error.description)
            return VerificationReport(
                events: 0, streams: 0, tickets: 0, problems: [problem], problemCount: 1,
                seconds: (clock.now - start).seconds)
        }
    }

    // MARK: Errors

    private func withStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                throw StoreError.corrupted(
                    "the store file is damaged (\(error.resultCode)): restore it from a backup.",
                    detail: String(describing: error))
            }
            throw StoreError.unavailable("the store failed: \(Self.reason(error))", detail: String(describing: error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(type(of: error))"
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
