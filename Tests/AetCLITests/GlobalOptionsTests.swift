import AetCLI
import AetCore
import AetStore
import Foundation
import Testing

@Suite struct GlobalOptionsTests {
    @Test func withoutAProjectCommandsSayWhatToDo() async throws {
        try await TestRepository.withPlainDirectory { root in
            let result = await TestRepository.run(["status"], in: root)
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: no aet project here: run aet init in your git repository (or pass --store PATH).\n"
            )
        }
    }

    @Test func storeOptionAndEnvironmentPointAtADatabase() async throws {
        try await TestRepository.withPlainDirectory { root in
            let created = await TestRepository.run(["create", "one", "--store", "a.db"], in: root)
            #expect(created.code == 0, "\(created.stderr)")
            #expect(FileManager.default.fileExists(atPath: root + "/a.db"))
            #expect(created.stdout == "T-1\n")
            let listed = await TestRepository.run(
                ["status", "--json"],
                in: root,
                variables: ["AET_STORE": root + "/a.db"]
            )
            #expect(listed.code == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains("\"T-1\""))
            // --store wins over AET_STORE.
            let other = await TestRepository.run(
                ["status", "--json", "--store", "b.db"],
                in: root,
                variables: ["AET_STORE": root + "/a.db"]
            )
            #expect(!other.stdout.contains("\"T-1\""))
        }
    }

    @Test func storeOptionWinsOverTheProject() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["in the project"])
            // A read command never creates a store: first a write to the other store, then the read.
            let missing = await repo.run("status", "--json", "--store", repo.root + "/other.db")
            #expect(missing.code == 2 && missing.stderr.contains("there is no aet store at"))
            #expect(await repo.run("create", "elsewhere", "--store", repo.root + "/other.db").code == 0)
            let result = await repo.run("status", "--json", "--store", repo.root + "/other.db")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(!result.stdout.contains("in the project"))
            #expect(result.stdout.contains("elsewhere"))
        }
    }

    @Test func storeInAMissingDirectoryIsExitTwo() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("status", "--store", repo.root + "/missing/dir/aet.db")
            #expect(result.code == 2)
            #expect(
                result.stderr.hasPrefix(
                    "error: the directory \(repo.root)/missing/dir of the store (from --store) does not exist"
                )
            )
            let fromEnvironment = await repo.run("status", variables: ["AET_STORE": "/missing/aet.db"])
            #expect(fromEnvironment.code == 2)
            #expect(fromEnvironment.stderr.contains("(from AET_STORE)"))
            let directory = await repo.run("status", "--store", repo.root)
            #expect(directory.code == 2)
            #expect(directory.stderr.contains("is a directory"))
        }
    }

    @Test func aStoreThatIsNotADatabaseIsExitTwo() async throws {
        try await TestRepository.withPlainDirectory { root in
            let path = root + "/notes.db"
            try Data(String(repeating: "not a database. ", count: 64).utf8).write(to: URL(fileURLWithPath: path))
            let result = await TestRepository.run(["status", "--store", path], in: root)
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix("error: --store: \(path) is not an aet store (not an SQLite database)"))
            #expect(!result.stderr.contains("SELECT"))
        }
    }

    @Test func badLogLevelIsExitTwo() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let option = await repo.run("status", "--log-level", "loud")
            #expect(option.code == 2)
            #expect(
                option.stderr
                    == "error: unknown log level 'loud' in --log-level: use trace, debug, info, notice, warning, error or critical.\n"
            )
            let environment = await repo.run("status", variables: ["AET_LOG_LEVEL": "chatty"])
            #expect(environment.code == 2)
            #expect(environment.stderr.contains("'chatty' in AET_LOG_LEVEL"))
            #expect(await repo.run("init", "--log-level", "loud").code == 2)
        }
    }

    @Test func logLevelShowsDebugLinesOnStandardError() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let quiet = await repo.run("status")
            #expect(quiet.stderr.isEmpty)
            let chatty = await repo.run("--log-level", "debug", "status")
            #expect(chatty.code == 0)
            #expect(
                chatty.stderr.contains(
                    "debug: opening the store for reading (aet.command=status, aet.store.path=\(repo.storePath))"
                )
            )
            let fromEnvironment = await repo.run("status", variables: ["AET_LOG_LEVEL": "DEBUG"])
            #expect(fromEnvironment.stderr.contains("debug: opening the store"))
        }
    }

    @Test func optionsWorkBeforeTheSubcommand() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("--json", "status")
            #expect(result.code == 0)
            #expect(result.stdout.hasPrefix("{"))
        }
    }

    @Test func helpIsExitZeroOnStandardOutput() async throws {
        try await TestRepository.withPlainDirectory { root in
            let help = await TestRepository.run(["--help"], in: root)
            #expect(help.code == 0)
            #expect(help.stdout.contains("aet runs engineering tickets"))
            #expect(help.stdout.contains("verify-state"))
            let bare = await TestRepository.run([], in: root)
            #expect(bare.code == 0)
            #expect(bare.stdout.contains("SUBCOMMANDS"))
            let sub = await TestRepository.run(["create", "--help"], in: root)
            #expect(sub.code == 0)
            #expect(sub.stdout.contains("--depends-on"))
            // What a new user looks for: the exit codes (130 too), the variables, the runtime names.
            let flat = help.stdout.replacingOccurrences(of: "\n", with: " ")
            #expect(flat.contains("130 interrupted"))
            #expect(flat.contains("AET_RUNTIME"))
            for command in ["process", "simple", "doctor"] {
                let runtime = await TestRepository.run([command, "--help"], in: root)
                let text = runtime.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
                    separator: " ")
                #expect(text.contains("claude, codex, aider, gemini, command, anthropic, openai, replay"), "\(command)")
            }
        }
    }

    @Test func versionIsPrinted() async throws {
        try await TestRepository.withPlainDirectory { root in
            let version = await TestRepository.run(["--version"], in: root)
            #expect(version.code == 0)
            #expect(version.stdout == "aet \(AetVersion.number)\n")
        }
    }

    @Test func unknownCommandsAndOptionsAreExitTwo() async throws {
        try await TestRepository.withPlainDirectory { root in
            let command = await TestRepository.run(["frobnicate"], in: root)
            #expect(command.code == 2)
            #expect(
                command.stderr == "error: unexpected argument 'frobnicate'.\nSee 'aet --help' for more information.\n"
            )
            let option = await TestRepository.run(["status", "--colour"], in: root)
            #expect(option.code == 2)
            #expect(option.stderr.hasPrefix("error: unknown option '--colour'."))
        }
    }

    @Test func invalidConfigNamesFileAndKey() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let text = try String(contentsOfFile: repo.configPath, encoding: .utf8)
                .replacingOccurrences(
                    of: "      sends_back_to: implement\n    - name: test",
                    with: "      sends_back_to: deploy\n    - name: test"
                )
            try Data(text.utf8).write(to: URL(fileURLWithPath: repo.configPath))
            let result = await repo.run("status")
            #expect(result.code == 2)
            #expect(
                result.stderr
                    == "error: .aet/config.yaml, line 25, key pipeline.stages[3].sends_back_to: stage 'review' sends back to 'deploy', which is not an earlier stage.\n"
            )
            #expect(await repo.run("init").code == 2)
            #expect(await repo.run("init", "--force").code == 0)
            #expect(await repo.run("status").code == 0)
        }
    }
}
