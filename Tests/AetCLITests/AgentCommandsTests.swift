import AetCLI
import AetCore
import AetModels
import AetStore
import AetWorkspace
import Foundation
import Testing

/// `aet process`, `simple`, `doctor`, `demo` and `init --test-command`, in-process, on real git
/// repositories, with aet's own `anthropic` runtime talking to the scripted model server on loopback.
@Suite("Agent commands")
struct AgentCommandsTests {
    /// A model that fixes README.md's typo for ticket T-<n>.
    static func typoFixer(ticket: String = "T-1") -> ScriptedModel {
        ScriptedModel(rules: [
            .init(
                "edit", when: .lastMessage(contains: "Ticket \(ticket)"),
                reply: .toolCall(
                    "edit_file", arguments: ["path": "README.md", "old_string": "Grettings", "new_string": "Greetings"])
            ),
            .init("done", when: .toolResult(for: "edit_file"), reply: .text("Fixed the typo in README.md.")),
        ])
    }

    static func anthropic(_ baseURL: URL) -> [String: String] {
        ["ANTHROPIC_BASE_URL": baseURL.absoluteString, "ANTHROPIC_API_KEY": "sk-test-not-a-real-key"]
    }

    @Test func demoRunsBothTicketsEndToEndAndLeavesTheRepository() async throws {
        try await TestRepository.withPlainDirectory { directory in
            let target = directory + "/demo"
            let result = await TestRepository.run(
                ["demo", "--directory", target], in: directory,
                variables: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("T-1 completed: fast-forwarded"))
            #expect(result.stdout.contains("T-2 completed"))
            #expect(result.stdout.contains("refused read_file"))
            #expect(result.stdout.contains("sent back to implement (rework 1)"))
            let greet = try String(contentsOfFile: target + "/greet.sh", encoding: .utf8)
            #expect(greet.contains("--shout"))
            #expect(try String(contentsOfFile: target + "/README.md", encoding: .utf8).contains("Greetings"))
            let verify = await TestRepository.run(["verify-state"], in: target)
            #expect(verify.code == 0, "\(verify.stdout)\(verify.stderr)")
            let show = await TestRepository.run(["show", "T-1", "--json"], in: target)
            #expect(
                show.stdout.contains("\"securityViolations\" : 1") || show.stdout.contains("\"securityViolations\":1"))

            // One JSON key style (lowerCamelCase) in every --json output and in the events.
            for arguments in [
                ["status"], ["show", "T-1"], ["show", "T-2"], ["events"], ["logs", "T-1"], ["verify-state"],
                ["dlq", "list"], ["doctor"], ["init"], ["create", "one more"],
            ] {
                let output = await TestRepository.run(arguments + ["--json"], in: target)
                let documents =
                    output.stdout.hasPrefix("{\n") || output.stdout.hasPrefix("[")
                    ? [output.stdout] : output.stdout.split(separator: "\n").map(String.init)
                for document in documents where !document.isEmpty {
                    let value = try JSONSerialization.jsonObject(with: Data(document.utf8))
                    let snake = Self.keys(of: value).filter { $0.contains("_") || $0.contains("-") }
                    #expect(snake.isEmpty, "\(arguments): \(snake.sorted())")
                }
            }
        }
    }

    /// Every object key in a decoded JSON value.
    static func keys(of value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { keys, member in keys.formUnion(Self.keys(of: member.value)) }
        }
        if let array = value as? [Any] { return array.reduce(into: []) { $0.formUnion(Self.keys(of: $1)) } }
        return []
    }

    @Test func demoRefusesANonEmptyDirectory() async throws {
        try await TestRepository.withPlainDirectory { directory in
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
            let result = await TestRepository.run(["demo", "--directory", directory], in: directory)
            #expect(result.code == 2)
            #expect(result.stderr.contains("is not empty"))
        }
    }

    @Test func initStoresAGivenOrDetectedTestCommand() async throws {
        try await GitProject.with { project in
            try project.write("Package.swift", "// swift-tools-version:6.0\n")
            let first = await project.run("init")
            #expect(first.code == 0, "\(first.stderr)")
            #expect(first.stdout.contains("test command: swift test"))
            #expect(project.read(".aet/config.yaml")?.contains("test_command: \"swift test\"") == true)
            let second = await project.run("init", "--test-command", "make check && make test")
            #expect(second.code == 0)
            #expect(project.read(".aet/config.yaml")?.contains("test_command: \"make check && make test\"") == true)
            let empty = await project.run("init", "--test-command", " ")
            #expect(empty.code == 2 && empty.stderr.contains("--test-command is empty"))
        }
    }

    @Test func initTestCommandChangesThatKeyAloneAndKeepsTheUsersComments() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "make test").code == 0)
            // The user edits the config: a comment of their own, another setting changed.
            let original =
                try #require(project.read(".aet/config.yaml"))
                .replacingOccurrences(of: "max_reworks: 3", with: "max_reworks: 5  # we rework a lot")
                + "# my own note at the end\n"
            try project.write(".aet/config.yaml", original)
            let result = await project.run("init", "--test-command", "python3 -m unittest")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.contains("set test_command in"))
            let edited = try #require(project.read(".aet/config.yaml"))
            #expect(
                edited
                    == original.replacingOccurrences(
                        of: "test_command: \"make test\"", with: "test_command: \"python3 -m unittest\""))
        }
    }

    @Test func initDetectsAPlainUnittestProject() async throws {
        try await GitProject.with { project in
            try project.write("greet.py", "def greet():\n    return 'hi'\n")
            try project.write("tests/test_greet.py", "import unittest\n")
            #expect(await project.run("init").stdout.contains("test command: python3 -m unittest discover -s tests"))
        }
    }

    @Test func simpleChangesExactlyWhatTheAgentWroteAndCommitsNothing() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            let server = ScriptedModelServer(script: Self.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "simple", "Fix the typo in README.md", "--runtime", "anthropic", variables: Self.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("T-1: completed"))
                #expect(result.stdout.contains("changed (not committed; review with git diff): README.md"))
            }
            #expect(project.read("README.md") == "# greeter\n\nGreetings!\n")
            #expect(try await project.git("status", "--porcelain") == "M README.md")
            #expect(try await project.git("rev-list", "--count", "HEAD") == "2")
            let show = await project.run("show", "T-1")
            #expect(show.stdout.contains("anthropic"))
        }
    }

    @Test func simpleExitsOneWhenTheRunFails() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let server = ScriptedModelServer(
                script: ScriptedModel(rules: [
                    .init(
                        "fail", when: .lastMessage(contains: "Ticket"),
                        reply: .failure(.status(400, message: "bad request")), uses: .repeatable)
                ]))
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "simple", "Fix the typo", "--runtime", "anthropic", variables: Self.anthropic(baseURL))
                #expect(result.code == 1)
                #expect(result.stdout.contains("T-1: failed"))
                #expect(result.stdout.contains("reason: "), "\(result.stdout)")
                // --json carries the reason too.
                let json = await project.run(
                    "simple", "Fix the typo", "--runtime", "anthropic", "--json", variables: Self.anthropic(baseURL))
                #expect(json.code == 1)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
                #expect(object["status"] as? String == "failed")
                #expect((object["reason"] as? String)?.contains("400") == true, "\(json.stdout)")
            }
            #expect(project.read("README.md") == "# greeter\n\nGrettings!\n")
        }
    }

    @Test func processWorksASimpleTicketInAWorktreeAndMergesIt() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            #expect(await project.run("create", "Fix the typo in README.md", "--mode", "simple").code == 0)
            let server = ScriptedModelServer(script: Self.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run("process", "--runtime", "anthropic", variables: Self.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("T-1 implement started (anthropic"))
                #expect(result.stdout.contains("T-1: completed"))
                let again = await project.run("process", "--runtime", "anthropic", variables: Self.anthropic(baseURL))
                #expect(again.code == 0 && again.stdout.contains("nothing to do"))
            }
            #expect(try await project.git("show", "main:README.md") == "# greeter\n\nGreetings!")
            #expect(project.read("README.md") == "# greeter\n\nGreetings!\n")  // the clean checkout was fast-forwarded
        }
    }

    @Test func simpleWithWorktreeWorksOnABranchAndMergesIt() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            let server = ScriptedModelServer(script: Self.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "simple", "Fix the typo in README.md", "--worktree", "--runtime", "anthropic",
                    "--json", variables: Self.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(
                    result.stdout.contains("\"status\" : \"completed\"")
                        || result.stdout.contains("\"status\":\"completed\""))
            }
            #expect(
                try await project.git("log", "--format=%s", "-1", "main")
                    == "T-1 implement: Fixed the typo in README.md.")
            #expect(try await project.git("status", "--porcelain").isEmpty)
        }
    }

    @Test func processOnceStopsAfterOneTicket() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            #expect(await project.run("create", "Fix the typo in README.md", "--mode", "simple").code == 0)
            #expect(await project.run("create", "Fix it again", "--mode", "simple").code == 0)
            let server = ScriptedModelServer(script: Self.typoFixer())
            try await server.withRunning { baseURL in
                let result = await project.run(
                    "process", "--once", "--runtime", "anthropic", variables: Self.anthropic(baseURL))
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(result.stdout.contains("T-1: completed"))
                #expect(!result.stdout.contains("T-2"))
            }
            let status = await project.run("status")
            #expect(status.stdout.contains("queued            1"))
        }
    }

    @Test func processRefusesBadInputWithExitTwo() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let unknown = await project.run("process", "--ticket", "T-9")
            #expect(unknown.code == 2 && unknown.stderr.contains("T-9 does not exist"))
            let runtime = await project.run("process", "--runtime", "gpt-bash")
            #expect(runtime.code == 2 && runtime.stderr.contains("unknown runtime 'gpt-bash'"))
            let both = await project.run("process", "--once", "--watch")
            #expect(both.code == 2 && both.stderr.contains("contradict"))
            let variable = await project.run("process", variables: ["AET_RUNTIME": "nope"])
            #expect(variable.code == 2 && variable.stderr.contains("AET_RUNTIME"))
        }
    }

    @Test func oneProcessAtATimePerProject() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let lock = project.root + "/.aet/process.lock"
            let descriptor = open(lock, O_RDWR | O_CREAT, 0o644)
            #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            defer { close(descriptor) }
            let result = await project.run("process")
            #expect(result.code == 1)
            #expect(result.stderr.contains("another aet process is working this project"))
        }
    }

    @Test func doctorReportsEveryRuntime() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init", "--test-command", "true").code == 0)
            let result = await project.run(
                "doctor", "--json", "--runtime", "anthropic",
                variables: ["ANTHROPIC_BASE_URL": "https://api.example.invalid"])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let runtimes = try #require(object["runtimes"] as? [[String: Any]])
            #expect(
                runtimes.compactMap { $0["runtime"] as? String } == [
                    "claude", "codex", "aider", "gemini", "anthropic", "openai", "replay",
                ])
            let anthropic = try #require(runtimes.first { $0["runtime"] as? String == "anthropic" })
            #expect(anthropic["available"] as? Bool == false)  // no key for a remote URL
            #expect((anthropic["usedBy"] as? [String])?.contains("developer") == true)
            #expect(result.code == 1)
            #expect(!result.stdout.contains("sk-"))
            let local = await project.run(
                "doctor", "--runtime", "openai", variables: ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
            #expect(local.code == 0, "\(local.stdout)")
            #expect(local.stdout.contains("openai     ok"))
        }
    }
}

@Suite("Ticket budgets on the command line")
struct BudgetCommandTests {
    @Test func createRecordsTheBudgetAndRefusesBadOnes() async throws {
        try await TestRepository.with { repository in
            try await repository.initialize()
            let created = await repository.run(
                "create", "Add a flag", "--budget", "tokens=500k,cost=2.50,time=2h,turns=300")
            #expect(created.code == 0, "\(created.stderr)")
            let events = await repository.run("events")
            #expect(events.stdout.contains("budget: 500000 tokens"))
            #expect(events.stdout.contains("300 turns"))
            for bad in ["tokens=-5", "cost=free", "time=2d", "speed=3", "tokens=1,tokens=2", "tokens", "turns=0"] {
                let result = await repository.run("create", "x", "--budget", bad)
                #expect(result.code == 2, "\(bad): \(result.stderr)")
                #expect(result.stderr.contains("--budget"))
            }
            #expect(try await repository.eventCount() == 2)
        }
    }

    @Test func theConfigsBudgetAppliesToNewTickets() async throws {
        try await TestRepository.with { repository in
            try await repository.initialize()
            var text = try String(contentsOfFile: repository.configPath, encoding: .utf8)
            text = text.replacingOccurrences(
                of: "budget:\n  # max_tokens: 2000000", with: "budget:\n  max_tokens: 1000")
            try Data(text.utf8).write(to: URL(fileURLWithPath: repository.configPath))
            #expect(await repository.run("create", "Add a flag").code == 0)
            let events = await repository.run("events")
            #expect(events.stdout.contains("budget: 1000 tokens"))
        }
    }
}
