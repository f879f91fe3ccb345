import Dispatch
import GRDB
import Synchronization

/// Splitting the log for parallel replay: ranges of stream ids that hold about equal numbers of
/// events. Every projection row is a function of one stream, so ranges replay independently
/// (docs/event-store.md); the ranges only need to cover every id, their sizes are a hint.
enum LogPartition {
    /// The number of ranges a parallel replay splits the log into (more than threads, so that
    /// threads that also write or wait can take fewer).
    static let rangeCount = 16

    /// Worker threads besides the calling one.
    static var helperCount: Int { 1 }

    /// Consecutive ranges covering every stream id (`Int64.min...Int64.max`), cut by the event
    /// counts the stream headers claim.
    static func ranges(_ db: Database, count: Int) throws -> [ClosedRange<Int64>] {
        var total = try RawStatement(db, sql: "SELECT TOTAL(MIN(MAX(version, 0), 1099511627776)) FROM event_streams")
        guard try total.step() else { return [SQLiteReplay.allStreams] }
        let events = total.double(0)
        total.reset()
        guard events > 0, count > 1 else { return [SQLiteReplay.allStreams] }
        var ends: [Int64] = []
        let streams = try RawStatement(
            db, sql: "SELECT id, MIN(MAX(version, 0), 1099511627776) FROM event_streams ORDER BY id")
        defer {
            var s = streams
            s.reset()
        }
        var seen: Double = 0
        while try streams.step(), ends.count < count - 1 {
            seen += Double(streams.int64(1))
            if seen >= events * Double(ends.count + 1) / Double(count) {
                let id = streams.int64(0)
                if id < Int64.max { ends.append(id) }
            }
        }
        var ranges: [ClosedRange<Int64>] = []
        var lower = Int64.min
        for end in ends where end >= lower {
            ranges.append(lower...end)
            lower = end + 1
        }
        ranges.append(lower...Int64.max)
        return ranges
    }
}

/// Hands out work items (indexes) to threads, each exactly once.
final class WorkQueue: Sendable {
    private let next = Atomic<Int>(0)
    private let cancelled = Atomic<Bool>(false)
    let count: Int

    init(count: Int) { self.count = count }

    /// The next unclaimed index, nil when all are claimed or the work was cancelled.
    func claim() -> Int? {
        guard !cancelled.load(ordering: .relaxed) else { return nil }
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}

/// A bounded first-in-first-out channel between threads (GCD threads, never the Swift
/// cooperative pool: `send` and `receive` block).
///
/// `@unchecked Sendable`: the items are behind a `Mutex`, and `DispatchSemaphore` is thread-safe
/// by contract but not marked `Sendable` in swift-corelibs-libdispatch.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    private let items = Mutex<[Element]>([])
    private let available = DispatchSemaphore(value: 0)
    private let space: DispatchSemaphore

    init(capacity: Int) { space = DispatchSemaphore(value: capacity) }

    /// Blocks while the channel is full.
    func send(_ item: Element) {
        space.wait()
        items.withLock { $0.append(item) }
        available.signal()
    }

    /// Blocks until an item arrives.
    func receive() -> Element {
        available.wait()
        return take()
    }

    /// An item if one is waiting, without blocking.
    func tryReceive() -> Element? {
        guard available.wait(timeout: .now()) == .success else { return nil }
        return take()
    }

    private func take() -> Element {
        let item = items.withLock { $0.removeFirst() }
        space.signal()
        return item
    }
}

/// A one-shot result slot set by a worker thread and read after it finished.
final class ResultBox<Value: Sendable>: Sendable {
    private let value = Mutex<Result<Value, any Error>?>(nil)
    func set(_ result: Result<Value, any Error>) { value.withLock { $0 = result } }
    func get() throws -> Value? { try value.withLock { $0 }?.get() }
}
