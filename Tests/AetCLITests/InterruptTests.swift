import AetCore
import AetStore
import AetTesting
import Foundation
import Testing

/// Ctrl-C, SIGTERM and SIGHUP in a real `aet process` (the built executable): the agent's process group
/// is stopped, the run is recorded as interrupted, the exit status is 128 + the signal, and the next
/// `aet process` finishes the stage.
@Suite struct InterruptTests {
    static func aet() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        let path = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("aet").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Starts the real `aet` with `arguments` in the project; its output (stdout and stderr) goes to one pipe.
    /// - Parameter wrapper: A command that runs aet (the aet path and `arguments` follow it), e.g. `unshare …`.
    static func start(_ arguments: [String], in project: GitProject, wrappedIn wrapper: [String] = []) throws -> (
        Process, Pipe
    ) {
        let aet = try #require(
            Self.aet(), "aet is not next to the test bundle: build it with swift build --build-tests")
        let argv = wrapper + [aet] + arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        process.environment = project.variables()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return (process, output)
    }

    /// Writes an executable agent script and a developer role that runs it.
    static func developer(_ body: String, in project: GitProject) throws {
        let script = project.home + "/developer.sh"
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: script))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        try project.write(
            ".aet/agents/developer.md",
            """
            ---
            name: developer
            description: A scripted developer.
            runtime: command
            command: \(script)
            ---
            Do as the script says.

            """)
    }

    /// The pid the agent wrote to `file`, once it has (bounded wait).
    static func pid(in file: String) async throws -> Int32 {
        let read = { FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } }
        let written = await ProcessProbe.wait(timeout: .seconds(120)) { read()?.hasSuffix("\n") == true }
        try #require(written, "the agent never started")
        return try #require(Int32((read() ?? "").trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Runs `aet init` and writes a developer that (after writing `partial.txt` when asked) records its pid
    /// and prints a line every 100 ms forever.
    /// - Returns: The file the agent writes its pid to.
    static func loopingDeveloper(in project: GitProject, partialWork: Bool = false) async throws -> String {
        #expect(await project.run("init", "--test-command", "true").code == 0)
        let pidFile = project.home + "/agent-pid"
        try developer(
            """
            \(partialWork ? "echo half > \"$AET_WORKTREE/partial.txt\"" : ":")
            echo $$ > '\(pidFile)'
            while true; do echo working; sleep 0.1; done
            """, in: project)
        return pidFile
    }

    /// Waits (at most 60 s, then kills it) until `process` ended.
    /// - Returns: Whether it ended by itself, and its output.
    static func end(_ process: Process, output: Pipe) async -> (ended: Bool, text: String) {
        let ended = await ProcessProbe.wait(timeout: .seconds(60)) { !process.isRunning }
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (ended, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func ctrlCStopsTheAgentRecordsTheRunAndTheNextProcessFinishesIt() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            let marker = project.home + "/agent-started"
            let pidFile = project.home + "/agent-pid"
            try Self.developer(
                """
                if [ ! -f '\(marker)' ]; then echo $$ > '\(pidFile)'; touch '\(marker)'; exec sleep 600; fi
                echo done > "$AET_WORKTREE/done.txt"
                echo "finished"
                """, in: project)
            #expect(await project.run("create", "Do it", "--mode", "simple").code == 0)

            let (process, output) = try Self.start(["process"], in: project)
            let agentPID = try await Self.pid(in: pidFile)
            kill(process.processIdentifier, SIGINT)
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 130, "\(text)")
            #expect(text.contains("interrupted"))
            // The agent's process is gone with its group.
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

    /// SIGTERM (a service manager stopping aet) and SIGHUP (the terminal closed) stop it like Ctrl-C, even
    /// with an agent that ignores SIGTERM and has a child of its own: nothing of the run is left.
    @Test(arguments: [SIGTERM, SIGHUP])
    func terminationSignalsStopTheWholeAgentGroup(_ number: Int32) async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            let pidFile = project.home + "/agent-pid"
            let childFile = project.home + "/child-pid"
            try Self.developer(
                """
                trap '' TERM
                sleep 600 &
                echo $! > '\(childFile)'
                echo $$ > '\(pidFile)'
                wait
                """, in: project)
            #expect(await project.run("create", "Hang", "--mode", "simple").code == 0)

            let (process, output) = try Self.start(["process"], in: project)
            let agentPID = try await Self.pid(in: pidFile)
            let childPID = try await Self.pid(in: childFile)
            kill(process.processIdentifier, number)
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .exit, "aet died of the signal: \(text)")
            #expect(process.terminationStatus == 128 + number, "\(text)")
            #expect(text.contains("interrupted"))
            #expect(ProcessProbe.liveMembers(ofGroup: agentPID).isEmpty)
            #expect(!ProcessProbe.isRunning(agentPID))
            #expect(!ProcessProbe.isRunning(childPID))

            let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
            #expect(try await store.ticket(TicketID(1))?.runs.map(\.status) == [.interrupted])
            try store.close()
        }
    }

    /// `aet cancel` in a second process while `aet process` runs the ticket: the agent is stopped before
    /// `aet cancel` returns, only the cancelled run is recorded after the cancel, and the worktree and
    /// branch are removed (or the branch kept with `--keep-branch`).
    @Test(arguments: [false, true])
    func cancelFromAnotherProcessStopsTheAgentAndRemovesTheWorktree(_ keepBranch: Bool) async throws {
        try await GitProject.with { project in
            let pidFile = try await Self.loopingDeveloper(in: project, partialWork: true)
            #expect(await project.run("create", "Loop", "--mode", "simple").code == 0)

            let (process, output) = try Self.start(["process"], in: project)
            let agentPID = try await Self.pid(in: pidFile)
            let (cancel, cancelOutput) = try Self.start(
                ["cancel", "T-1"] + (keepBranch ? ["--keep-branch"] : []), in: project)
            cancel.waitUntilExit()
            let cancelText = String(decoding: cancelOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(cancel.terminationStatus == 0, "\(cancelText)")
            let removed =
                keepBranch
                ? "removed its worktree .aet/worktrees/T-1 and kept branch aet/T-1"
                : "removed its worktree .aet/worktrees/T-1 and branch aet/T-1"
            #expect(cancelText == "cancelled T-1: cancelled by user; \(removed)\n")
            // aet cancel returned only after the agent had stopped.
            #expect(ProcessProbe.liveMembers(ofGroup: agentPID).isEmpty)

            let (exited, text) = await Self.end(process, output: output)
            #expect(exited, "aet process did not end after the cancel: \(text)")
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(text.contains("T-1: cancelled"))

            let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
            let events = try await store.readStream(.ticket(TicketID(1))).map(\.typeName)
            try store.close()
            let cancelled = try #require(events.firstIndex(of: "ticket.cancelled"))
            #expect(Array(events[(cancelled + 1)...]) == ["run.finished"])
            #expect(!FileManager.default.fileExists(atPath: project.root + "/.aet/worktrees/T-1"))
            let branches = try await project.git("branch", "--list", "--format=%(refname:short)")
            #expect(branches == (keepBranch ? "aet/T-1\nmain" : "main"))
            if keepBranch { #expect(try await project.git("show", "aet/T-1:partial.txt") == "half") }
        }
    }

    /// `aet simple` in your working tree: SIGTERM stops the agent's group (exit 143, the ticket failed), and
    /// `aet cancel` from another process stops it too (exit 1, only the cancelled run after the cancel).
    @Test(arguments: [false, true])
    func simpleInPlaceIsStoppedBySIGTERMOrByACancel(_ byCancel: Bool) async throws {
        try await GitProject.with { project in
            let pidFile = try await Self.loopingDeveloper(in: project)

            let (process, output) = try Self.start(["simple", "Loop in place"], in: project)
            let agentPID = try await Self.pid(in: pidFile)
            if byCancel {
                let (cancel, cancelOutput) = try Self.start(["cancel", "T-1"], in: project)
                cancel.waitUntilExit()
                let cancelText = String(
                    decoding: cancelOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(cancel.terminationStatus == 0, "\(cancelText)")
                #expect(ProcessProbe.liveMembers(ofGroup: agentPID).isEmpty)
            } else {
                kill(process.processIdentifier, SIGTERM)
            }
            let (exited, text) = await Self.end(process, output: output)
            #expect(exited, "aet simple did not end: \(text)")
            #expect(process.terminationStatus == (byCancel ? 1 : 143), "\(text)")
            #expect(text.contains(byCancel ? "T-1: cancelled" : "T-1: failed"))
            #expect(ProcessProbe.liveMembers(ofGroup: agentPID).isEmpty)

            let store = try SQLiteEventStore(path: project.root + "/.aet/aet.db")
            let ticket = try #require(try await store.ticket(TicketID(1)))
            let events = try await store.readStream(.ticket(TicketID(1))).map(\.typeName)
            try store.close()
            #expect(ticket.runs.map(\.status) == [.cancelled])
            if byCancel {
                let cancelled = try #require(events.firstIndex(of: "ticket.cancelled"))
                #expect(Array(events[(cancelled + 1)...]) == ["run.finished"])
            } else {
                #expect(ticket.status == .failed)
            }
        }
    }
}
