import AetStore
import Foundation
import Testing

/// One ``EventStore`` implementation the contract suites run against.
///
/// A backend owns its store's whole life: `withStore` creates an empty store, hands it to the test
/// and cleans up afterwards. To add PostgreSQL, add a backend that creates a fresh schema and drops
/// it afterwards, and append it to ``all`` when its connection URL is set in the environment.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    typealias Scope = @Sendable (_ body: (any EventStore) async throws -> Void) async throws -> Void

    let name: String
    private let scope: Scope

    init(name: String, scope: @escaping Scope) {
        self.name = name
        self.scope = scope
    }

    var testDescription: String { name }

    /// Runs `body` with a new, empty store of this backend.
    func withStore(_ body: (any EventStore) async throws -> Void) async throws {
        try await scope(body)
    }

    /// SQLite in memory (a GRDB `DatabaseQueue`).
    static let sqliteInMemory = StoreBackend(name: "SQLite in memory") { body in
        try await body(try SQLiteEventStore.inMemory())
    }

    /// An SQLite file in WAL mode (a GRDB `DatabasePool`) in a temporary directory.
    static let sqliteFile = StoreBackend(name: "SQLite file") { body in
        try await withTemporaryDirectory { directory in
            try await body(try SQLiteEventStore(path: storePath(in: directory)))
        }
    }

    /// Every backend available here.
    static var all: [StoreBackend] { [.sqliteInMemory, .sqliteFile] }
}
