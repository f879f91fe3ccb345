import AetCore
import AetStore
public import Foundation
public import Logging

/// `aet bench store`: appends a realistic log and measures append, rebuild and verify throughput
/// and peak memory, on a real SQLite file.
public struct StoreBenchmark: Sendable {
    /// What one run measured.
    public struct Report: Sendable, Codable, Hashable {
        public var events: Int
        public var tickets: Int
        public var batchSize: Int
        public var batchedAppendSeconds: Double
        public var batchedAppendEventsPerSecond: Double
        public var singleAppendEvents: Int
        public var singleAppendEventsPerSecond: Double
        public var rebuildSeconds: Double
        public var rebuildEventsPerSecond: Double
        public var verifySeconds: Double
        public var verifyEventsPerSecond: Double
        public var verifyClean: Bool
        /// Peak resident memory of each phase, in MiB (Linux `VmHWM`, reset between phases).
        public var peakRSSMiB: [String: Double]
        public var databaseBytes: Int64
    }

    /// How many events to append.
    public var events: Int
    /// Events per transaction in the batched phase.
    public var batchSize: Int
    /// Events appended one per transaction (a separate, smaller phase: each is a commit).
    public var singleEvents: Int
    /// The seed of the generated log.
    public var seed: UInt64
    /// Where the database files go.
    public var directory: URL
    /// Where the stores' diagnostics go (silent by default: the benchmark prints its own lines).
    public var logger: Logger

    public init(
        events: Int, batchSize: Int = 1000, singleEvents: Int = 20_000, seed: UInt64 = 42, directory: URL,
        logger: Logger = Logger(label: "aet.bench", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.logger = logger
        self.events = events
        self.batchSize = batchSize
        self.singleEvents = singleEvents
        self.seed = seed
        self.directory = directory
    }

    /// Runs every phase, reporting progress lines through `progress`.
    /// - Parameter progress: Receives one human-readable line per phase.
    /// - Returns: The measurements.
    /// - Throws: ``StoreError`` when the store fails.
    public func run(progress: (String) -> Void = { _ in }) async throws -> Report {
        let clock = ContinuousClock()
        var peaks: [String: Double] = [:]
        let path = directory.appendingPathComponent("bench.db").path
        let store = try SQLiteEventStore(path: path, logger: logger)

        MemoryGauge.resetPeak()
        var log = InterleavedLog(count: events, seed: seed)
        var batch: [AppendRequest] = []
        batch.reserveCapacity(batchSize)
        // Only the store's work is timed, not generating the events.
        var appendTime = Duration.zero
        while let request = log.next() {
            batch.append(request)
            if batch.count == batchSize {
                appendTime += try await clock.measure { _ = try await store.appendBatch(batch) }
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { appendTime += try await clock.measure { _ = try await store.appendBatch(batch) } }
        let appendSeconds = appendTime.benchSeconds
        peaks["append"] = MemoryGauge.peakMiB()
        progress(
            String(
                format: "batched append: %d events in %.2f s (%.0f events/s)", events, appendSeconds,
                Double(events) / appendSeconds))

        let tickets = try await store.maxTicketNumber()
        let single = try await singleAppends(clock: clock)
        progress(String(format: "one event per transaction: %d events (%.0f events/s)", single.count, single.rate))

        MemoryGauge.resetPeak()
        let rebuild = try await store.rebuildProjections()
        peaks["rebuild"] = MemoryGauge.peakMiB()
        progress(
            String(
                format: "rebuild: %d events in %.2f s (%.0f events/s)", rebuild.events, rebuild.seconds,
                rebuild.eventsPerSecond))

        MemoryGauge.resetPeak()
        let verify = try await store.verify(maxProblems: 10)
        peaks["verify"] = MemoryGauge.peakMiB()
        progress(
            String(
                format: "verify: %d events in %.2f s (%.0f events/s), %@", verify.events, verify.seconds,
                verify.eventsPerSecond, verify.isClean ? "clean" : "\(verify.problemCount) problems"))

        try store.close()
        // nil: size unknown, reported as 0
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        return Report(
            events: events, tickets: tickets, batchSize: batchSize, batchedAppendSeconds: appendSeconds,
            batchedAppendEventsPerSecond: Double(events) / appendSeconds, singleAppendEvents: single.count,
            singleAppendEventsPerSecond: single.rate, rebuildSeconds: rebuild.seconds,
            rebuildEventsPerSecond: rebuild.eventsPerSecond, verifySeconds: verify.seconds,
            verifyEventsPerSecond: verify.eventsPerSecond, verifyClean: verify.isClean, peakRSSMiB: peaks,
            databaseBytes: size)
    }

    private func singleAppends(clock: ContinuousClock) async throws -> (count: Int, rate: Double) {
        let count = min(singleEvents, events)
        guard count > 0 else { return (0, 0) }
        let store = try SQLiteEventStore(path: directory.appendingPathComponent("bench-single.db").path, logger: logger)
        var log = InterleavedLog(count: count, seed: seed &+ 1)
        var elapsed = Duration.zero
        while let request = log.next() {
            elapsed += try await clock.measure {
                _ = try await store.append(request.events, to: request.stream, expectedVersion: request.expectedVersion)
            }
        }
        try store.close()
        return (count, Double(count) / elapsed.benchSeconds)
    }
}

/// Reads and resets the process's peak resident set size (Linux `/proc/self`).
enum MemoryGauge {
    /// Resets the kernel's peak-RSS counter (`VmHWM`) to the current RSS.
    static func resetPeak() {
        // Best effort: on a kernel without clear_refs the peak is the process's lifetime peak.
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// The peak resident set size since the last reset, in MiB (0 when unknown).
    static func peakMiB() -> Double {
        // not Linux
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kib = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kib / 1024
        }
        return 0
    }
}

extension Duration {
    var benchSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
