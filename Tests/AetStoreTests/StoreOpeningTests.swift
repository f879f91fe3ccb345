import AetCore
import AetStore
import Foundation
import Synchronization
import Testing

/// Opening stores: a missing directory is refused, and several connections opening a new file at
/// the same moment (several `aet` processes started together) all get a working, migrated store.
@Suite struct StoreOpeningTests {
    @Test("a store in a missing directory is refused with an unavailable error")
    func missingDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("absent/aet.db").path
            await expectStoreError("unavailable") { _ = try SQLiteEventStore(path: path) }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a store reopened from its file holds the same log and projections")
    func reopen() async throws {
        try await withTemporaryDirectory { directory in
            let path = storePath(in: directory)
            let before: ProjectionSnapshot
            let events: [RecordedEvent]
            do {
                let store = try SQLiteEventStore(path: path)
                try await store.appendInterleaved(count: 400, seed: 9)
                before = try await ProjectionSnapshot.take(store)
                events = try await store.allEvents()
            }
            let store = try SQLiteEventStore(path: path)
            #expect(try await store.allEvents() == events)
            try await ProjectionSnapshot.take(store).expectEqual(to: before)
            #expect(try await store.verify(maxProblems: 10).isClean)
        }
    }

    @Test(
        "8 threads opening one new store file at once all succeed",
        arguments: 1...10
    )
    func concurrentFirstOpen(round: Int) throws {
        try withTemporaryDirectorySync { directory in
            let path = storePath(in: directory)
            let failures = Failures()
            let start = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            for _ in 0..<8 {
                done.enter()
                Thread {
                    start.wait()
                    do { _ = try SQLiteEventStore(path: path) } catch { failures.record(error) }
                    done.leave()
                }.start()
            }
            for _ in 0..<8 { start.signal() }
            done.wait()
            let reported = failures.all
            #expect(reported.isEmpty, "\(reported.count) of 8 opens failed: \(reported.first ?? "")")
        }
    }
}

/// Errors collected from several threads.
private final class Failures: Sendable {
    private let errors = Mutex<[String]>([])
    func record(_ error: any Error) { errors.withLock { $0.append(String(reflecting: error)) } }
    var all: [String] { errors.withLock { $0 } }
}
