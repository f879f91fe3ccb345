import Foundation

/// Measures `aet simple`'s overhead from process start to the agent's spawn: runs this very binary
/// as `aet simple` in a throwaway project whose developer is a script that writes the wall-clock time
/// (`date +%s%N`) it started at, and compares with the time just before the child was launched.
/// The same script launched directly gives the baseline (fork/exec of `sh` and `date`), subtracted.
struct SimpleStartupBenchmark {
    var runs: Int
    var directory: String
    var executable: String

    struct Report: Encodable {
        var runs: Int
        var processStartToSpawn: DurationStats
        var baselineScriptStart: DurationStats
        var overhead: DurationStats
    }

    func run(progress: (String) -> Void) throws -> Report {
        let root = directory + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("bench\n".utf8).write(to: URL(fileURLWithPath: root + "/README.md"))
        try launch("/usr/bin/env", ["git", "init", "--quiet", "-b", "main"], in: root)
        try launch(
            "/usr/bin/env",
            [
                "git", "-c", "user.name=bench", "-c", "user.email=b@x", "commit", "--quiet", "--allow-empty", "-m",
                "initial",
            ], in: root)
        try launch(executable, ["init", "--test-command", "true"], in: root)
        let stamp = directory + "/spawned"
        let script = directory + "/developer.sh"
        try Data("#!/bin/sh\ndate +%s%N > '\(stamp)'\n".utf8).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let role = """
            ---
            name: developer
            description: Writes the time it started, for aet bench simple.
            runtime: command
            command: \(script)
            timeout: 1m
            allowNoChanges: true
            ---
            Benchmark developer.

            """
        try Data(role.utf8).write(to: URL(fileURLWithPath: root + "/.aet/agents/developer.md"))
        progress("\(runs) runs of `aet simple` with a developer that records its start time")

        var measured: [Duration] = []
        var baseline: [Duration] = []
        for index in 0..<(runs + 1) {
            let viaAet = try timeToStamp(stamp) { try launch(executable, ["simple", "bench \(index)"], in: root) }
            let direct = try timeToStamp(stamp) { try launch(script, [], in: root) }
            if index > 0 {  // the first run warms the page cache
                measured.append(viaAet)
                baseline.append(direct)
            }
        }
        let overhead = zip(measured, baseline).map { max(.zero, $0 - $1) }
        return Report(
            runs: runs, processStartToSpawn: DurationStats(measured), baselineScriptStart: DurationStats(baseline),
            overhead: DurationStats(overhead))
    }

    private func timeToStamp(_ stamp: String, _ body: () throws -> Void) throws -> Duration {
        try? FileManager.default.removeItem(atPath: stamp)  // nil: no stamp yet
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let before = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        try body()
        guard let text = FileManager.default.contents(atPath: stamp).map({ String(decoding: $0, as: UTF8.self) }),
            let after = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw CommandFailure("the benchmark's developer did not record its start (\(stamp))") }
        return .nanoseconds(after - before)
    }

    @discardableResult
    private func launch(_ program: String, _ arguments: [String], in directory: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                "\(program) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return process.terminationStatus
    }
}
