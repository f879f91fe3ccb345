import AetCore
import AetStore
import Foundation
import Testing

/// Several `aet` processes appending to one store file at once lose nothing and number every
/// ticket once. Runs the built `aet` executable, which sits next to the test bundle.
@Suite struct MultiProcessAppendTests {
    @Test("4 processes × 25 `aet create` give tickets 1…100, each once")
    func concurrentProcesses() async throws {
        let processes = 4
        let perProcess = 25
        let buildPath = Self.buildDirectory()?.path ?? "(unknown)"
        let aet = try #require(
            Self.aetExecutable(),
            "aet is not in \(buildPath), next to the test bundle: build it with `swift build --build-tests`"
        )
        try await withTemporaryDirectory { directory in
            let path = storePath(in: directory)
            do { _ = try SQLiteEventStore(path: path) }  // `aet init` would create it; the processes only append.

            let statuses = try await withThrowingTaskGroup(of: (Int, Int32).self) { group in
                for number in 1...processes {
                    group.addTask {
                        let log = directory.appendingPathComponent("process-\(number).log").path
                        let status = try await Self.run(
                            script: """
                                for i in $(seq \(perProcess)); do
                                    "$AET" create "p$P-$i" --store "$DB" >>"$LOG" 2>&1 || exit 1
                                done
                                """,
                            environment: ["AET": aet.path, "P": String(number), "DB": path, "LOG": log],
                            in: directory
                        )
                        return (number, status)
                    }
                }
                return try await group.reduce(into: [Int: Int32]()) { $0[$1.0] = $1.1 }
            }
            for number in 1...processes where statuses[number] != 0 {
                let log =
                    (try? String(
                        contentsOfFile: directory.appendingPathComponent("process-\(number).log").path,
                        encoding: .utf8
                    )) ?? ""  // nil: it wrote nothing
                let status = statuses[number] ?? -1
                Issue.record("process \(number) exited with status \(status); its output ends with: \(log.suffix(600))")
            }

            let store = try SQLiteEventStore(path: path)
            let tickets = try await store.tickets(statuses: nil, limit: .max)
            let total = processes * perProcess
            #expect(tickets.count == total)
            #expect(Set(tickets.map(\.id)) == Set((1...total).map(TicketID.init)))
            let expected = Set((1...processes).flatMap { p in (1...perProcess).map { "p\(p)-\($0)" } })
            #expect(Set(tickets.map(\.description)) == expected)
            // Each process creates its tickets one after another, so their numbers rise.
            for p in 1...processes {
                let ids = (1...perProcess).compactMap { i in tickets.first { $0.description == "p\(p)-\(i)" }?.id.number
                }
                #expect(ids == ids.sorted(), "process \(p)'s tickets are numbered out of order: \(ids)")
            }
            let report = try await store.verify(maxProblems: 10)
            #expect(report.isClean, "\(report.problems)")
            #expect(report.events == total)
        }
    }

    /// Runs `/bin/sh -c script` and returns its exit status, without blocking a thread while it runs.
    private static func run(script: String, environment: [String: String], in directory: URL) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// The directory of the running test executable (Linux) or bundle (macOS): SwiftPM's build directory.
    private static func buildDirectory() -> URL? {
        // nil: not Linux.
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: executable).deletingLastPathComponent()
        }
        return Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL.deletingLastPathComponent()
    }

    private static func aetExecutable() -> URL? {
        guard let executable = buildDirectory()?.appendingPathComponent("aet"),
            FileManager.default.isExecutableFile(atPath: executable.path)
        else { return nil }
        return executable
    }
}
