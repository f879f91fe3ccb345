import ArgumentParser
import Foundation

/// `aet bench pipeline`: orchestration overhead per stage with instant agents.
struct BenchPipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract:
            "Measure aet's overhead per stage with instant agents (`true`): to spawn, to checkpoint, to recorded.",
        discussion:
            "Creates a throwaway git repository and store in a temporary directory (removed afterwards unless --keep)."
    )

    @Option(help: "How many full-mode tickets to run (1 to 1000).")
    var tickets = 20

    @Flag(help: "Keep the benchmark's directory.")
    var keep = false

    @OptionGroup var globals: GlobalOptions

    func validate() throws {
        guard (1...1000).contains(tickets) else {
            throw ValidationError("--tickets \(tickets) is out of range: use 1 to 1000.")
        }
    }

    func run() async throws {
        let output = Output(environment: CLIEnvironment.current)
        let json = globals.json
        let report = try await BenchDirectory.with("pipeline", keep: keep) { directory in
            try await PipelineBenchmark(tickets: tickets, directory: directory).run { line in
                if !json { output.write("aet bench pipeline: " + line) }
            }
        }
        if json { return try output.writeJSON(report) }
        output.write(lines: [
            "  \(report.stages) stages in \(String(format: "%.2f", report.seconds)) s",
            "  stage start → agent spawn:      \(report.toSpawn.text)",
            "  agent (`true`):                 \(report.agent.text)",
            "  agent exit → checkpoint done:   \(report.toCheckpoint.text)",
            "  checkpoint → outcome recorded:  \(report.toRecorded.text)",
            "  whole stage:                    \(report.perStageTotal.text)",
            "  whole ticket (6 stages + merge): \(report.perTicket.text)",
        ])
    }
}

/// `aet bench simple`: `aet simple`'s overhead from process start to the agent's spawn.
struct BenchSimpleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simple",
        abstract:
            "Measure aet simple from process start to agent spawn (target < 30 ms), minus the agent script's own start.",
        discussion:
            "Runs this aet binary as child processes in a throwaway repository (removed afterwards unless --keep)."
    )

    @Option(help: "How many runs (1 to 500).")
    var runs = 20

    @Flag(help: "Keep the benchmark's directory.")
    var keep = false

    @OptionGroup var globals: GlobalOptions

    func validate() throws {
        guard (1...500).contains(runs) else { throw ValidationError("--runs \(runs) is out of range: use 1 to 500.") }
    }

    func run() async throws {
        let output = Output(environment: CLIEnvironment.current)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath()
            .path
        let json = globals.json
        let report = try await BenchDirectory.with("simple", keep: keep) { directory in
            try SimpleStartupBenchmark(runs: runs, directory: directory, executable: executable).run { line in
                if !json { output.write("aet bench simple: " + line) }
            }
        }
        if json { return try output.writeJSON(report) }
        output.write(lines: [
            "  process start → agent script start: \(report.processStartToSpawn.text)",
            "  the script started directly:        \(report.baselineScriptStart.text)",
            "  aet's overhead (difference):        \(report.overhead.text)",
        ])
    }
}

/// A benchmark's own temporary directory, removed afterwards unless kept.
enum BenchDirectory {
    static func with<T>(_ name: String, keep: Bool, _ body: (String) async throws -> T) async throws -> T {
        let directory =
            FileManager.default.temporaryDirectory.path + "/aet-bench-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }  // best effort: a temp dir
        return try await body(directory)
    }
}
