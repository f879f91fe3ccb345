import AetCore
import AetStore
import Foundation
import Testing

/// Ctrl-C in a real `aet process` (the built executable): the agent's process group is stopped,
/// the run is recorded as interrupted, the exit status is 130, and the next `aet process` finishes
/// the stage.
@Suite struct InterruptTests {
    static func aet() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("aet").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test func ctrlCStopsTheAgentRecordsTheRunAndTheNextProcessFinishesIt() async throws {
        let aet = try #require(Self.aet(), "aet is not next to the test bundle: build it with swift build --build-tests")
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            let marker = project.home + "/agent-started"
            let pidFile = project.home + "/agent-pid"
            let script = project.home + "/developer.sh"
            try Data("""
                #!/bin/sh
                if [ ! -f '\(marker)' ]; then echo $$ > '\(pidFile)'; touch '\(marker)'; exec sleep 600; fi
                echo done > "$AET_WORKTREE/done.txt"
                echo "finished"

                """.utf8).write(to: URL(fileURLWithPath: script))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
            try project.write(".aet/agents/developer.md", """
                ---
                name: developer
                description: A developer that hangs the first time.
                runtime: command
                command: \(script)
                ---
                Hang once, then finish.

                """)
            #expect(await project.run("create", "Do it", "--mode", "simple").code == 0)

            let process = Process()
            process.executableURL = URL(fileURLWithPath: aet)
            process.arguments = ["process"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.root)
            process.environment = project.variables()
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // Wait (bounded) until the agent is running.
            let deadline = ContinuousClock.now + .seconds(120)
            while !FileManager.default.fileExists(atPath: pidFile), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(FileManager.default.fileExists(atPath: pidFile), "the agent never started")
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 130, "\(text)")
            #expect(text.contains("interrupted"))
            // The agent's process is gone with its group.
            let agentPID = try #require(Int32(String(decoding: FileManager.default.contents(atPath: pidFile) ?? Data(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(agentPID, 0) != 0)

            let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
            let interrupted = try #require(try await store.ticket(TicketID(1)))
            #expect(interrupted.runs.map(\.status) == [.interrupted])
            try store.close()

            let again = await project.run("process")
            #expect(again.code == 0, "\(again.stdout)\(again.stderr)")
            #expect(again.stdout.contains("T-1: completed"))
            #expect(try await project.git("show", "main:done.txt") == "done")
        }
    }
}
