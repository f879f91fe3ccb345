import AetBench
import ArgumentParser
import Foundation

/// `aet bench`: measurements of aet's own machinery (figures go in BENCHMARKS.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure aet's own machinery (use a release build: swift build -c release).",
        subcommands: [BenchStoreCommand.self, BenchPipelineCommand.self, BenchSimpleCommand.self]
    )
}

/// `aet bench store`: append, rebuild and verify throughput and peak memory of the SQLite store.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Append a realistic log of N events to a fresh SQLite store and measure append, rebuild and verify.",
        discussion: """
            The log is generated reproducibly (--seed): ticket lifecycles averaging about 13 events, several \
            tickets in flight at once. Phases: batched append (--batch-size events per transaction), appends of \
            one event per transaction (--single-events of them, into a second store), rebuild, verify-state. \
            Peak RSS is measured per phase. The stores are written to --dir (default: a new temporary \
            directory, deleted afterwards unless --keep).
            """
    )

    @Option(help: "How many events to append (1 to 100000000).")
    var events = 100_000

    @Option(help: "Events per transaction in the batched phase (1 to 100000).")
    var batchSize = 1000

    @Option(help: "Events appended one per transaction in the second phase (0 to skip).")
    var singleEvents = 20_000

    @Option(help: "Seed of the generated log.")
    var seed: UInt64 = 42

    @Option(help: "Directory for the benchmark's databases (must exist); default: a new temporary directory.")
    var dir: String?

    @Flag(help: "Keep the databases after the run.")
    var keep = false

    @OptionGroup var globals: GlobalOptions

    private var json: Bool { globals.json }

    func validate() throws {
        guard (1...100_000_000).contains(events) else {
            throw ValidationError("--events \(events) is out of range: use 1 to 100000000.")
        }
        guard (1...100_000).contains(batchSize) else {
            throw ValidationError("--batch-size \(batchSize) is out of range: use 1 to 100000.")
        }
        guard (0...10_000_000).contains(singleEvents) else {
            throw ValidationError("--single-events \(singleEvents) is out of range: use 0 to 10000000.")
        }
        if let dir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--dir \(dir) is not an existing directory: create it first.")
            }
        }
    }

    func run() async throws {
        let output = Output(environment: CLIEnvironment.current)
        let fileManager = FileManager.default
        let directory: URL
        if let dir {
            directory = URL(fileURLWithPath: dir).appendingPathComponent("aet-bench-\(UUID().uuidString.prefix(8))")
        } else {
            directory = fileManager.temporaryDirectory.appendingPathComponent(
                "aet-bench-\(UUID().uuidString.prefix(8))")
        }
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            // Best effort: a left-over benchmark directory is harmless and its path was printed.
            if !keep { try? fileManager.removeItem(at: directory) }
        }
        if !json { output.write("aet bench store: \(events) events into \(directory.path)") }
        let benchmark = StoreBenchmark(
            events: events, batchSize: batchSize, singleEvents: singleEvents, seed: seed, directory: directory)
        let report = try await benchmark.run { line in if !json { output.write("  " + line) } }
        if json { return try output.writeJSON(report) }
        let peaks = report.peakRSSMiB.sorted { $0.key < $1.key }.map { "\($0.key) \(Int($0.value.rounded())) MiB" }
        output.write("  peak RSS: " + peaks.joined(separator: ", "))
        output.write("  \(report.tickets) tickets, database \(report.databaseBytes / 1_048_576) MiB")
        if !report.verifyClean { throw CommandFailure("the benchmark's store did not verify clean.") }
    }
}
