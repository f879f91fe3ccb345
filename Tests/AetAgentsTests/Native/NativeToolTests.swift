import AetAgents
import AetCore
import AetTesting
import Foundation
import Testing

@Suite("Native: the tools")
struct NativeToolTests {
    private func executor(
        _ bench: NativeBench,
        permission: PermissionPolicy = .editWorkspace
    ) throws
        -> NativeToolExecutor
    {
        let home = bench.runDirectory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return NativeToolExecutor(
            worktree: bench.worktree,
            permission: permission,
            home: home,
            hostEnvironment: ["PATH": "/usr/bin:/bin", "SECRET_TOKEN": "hunter2-very-secret"],
            idleTimeout: .seconds(30),
            configuration: .init(
                maxOutputBytes: 4096,
                maxListEntries: 5,
                maxSearchMatches: 3,
                terminationGracePeriod: .milliseconds(200)
            )
        )
    }

    private func call(
        _ executor: NativeToolExecutor,
        _ name: String,
        _ input: ModelJSON,
        log: AgentEventRecorder = AgentEventRecorder()
    ) async -> ToolResultBlock {
        await executor.execute(ToolUse(id: "t1", name: name, input: input), events: log.record)
    }

    @Test("read_file: whole file, and a range of lines with a note on what follows")
    func readFile() async throws {
        try await NativeBench.with { bench in
            try bench.write("notes.txt", "one\ntwo\nthree\nfour\n")
            let tools = try executor(bench)
            let whole = await call(tools, "read_file", ["path": "notes.txt"])
            #expect(whole == ToolResultBlock(toolUseID: "t1", content: "one\ntwo\nthree\nfour\n"))
            let range = await call(tools, "read_file", ["path": "notes.txt", "offset": 2, "limit": 2])
            #expect(range.content == "two\nthree\n[2 more lines; read on with offset 4]")
            let missing = await call(tools, "read_file", ["path": "nope.txt"])
            #expect(missing.isError)
            #expect(missing.content == "Error: nope.txt does not exist")
        }
    }

    @Test("write_file creates directories and reports created, then modified")
    func writeFile() async throws {
        try await NativeBench.with { bench in
            let tools = try executor(bench)
            let log = AgentEventRecorder()
            let first = await call(tools, "write_file", ["path": "a/b/c.txt", "content": "hi\n"], log: log)
            #expect(first.content == "Wrote 3 bytes to a/b/c.txt (created).")
            #expect(!first.isError)
            _ = await call(tools, "write_file", ["path": "a/b/c.txt", "content": "hello\n"], log: log)
            #expect(bench.read("a/b/c.txt") == "hello\n")
            #expect(log.fileChanges == ["created a/b/c.txt", "modified a/b/c.txt"])
        }
    }

    @Test("edit_file replaces one exact occurrence, refuses missing and ambiguous ones, replace_all replaces all")
    func editFile() async throws {
        try await NativeBench.with { bench in
            try bench.write("code.swift", "let a = 1\nlet b = 1\n")
            let tools = try executor(bench)
            let log = AgentEventRecorder()
            let missing = await call(
                tools,
                "edit_file",
                ["path": "code.swift", "old_string": "zzz", "new_string": "y"]
            )
            #expect(missing.content == "Error: old_string was not found in code.swift")
            let ambiguous = await call(
                tools,
                "edit_file",
                ["path": "code.swift", "old_string": "= 1", "new_string": "= 2"]
            )
            #expect(ambiguous.isError)
            #expect(ambiguous.content.contains("occurs 2 times"))
            let one = await call(
                tools,
                "edit_file",
                ["path": "code.swift", "old_string": "let a = 1", "new_string": "let a = 2"],
                log: log
            )
            #expect(!one.isError)
            #expect(bench.read("code.swift") == "let a = 2\nlet b = 1\n")
            let all = await call(
                tools,
                "edit_file",
                ["path": "code.swift", "old_string": "let", "new_string": "var", "replace_all": true],
                log: log
            )
            #expect(all.content == "Replaced 2 occurrence(s) in code.swift.")
            #expect(bench.read("code.swift") == "var a = 2\nvar b = 1\n")
            #expect(log.fileChanges == ["modified code.swift", "modified code.swift"])
        }
    }

    @Test("list_files lists recursively and sorted, skips .git, marks directories, and stops at the cap")
    func listFiles() async throws {
        try await NativeBench.with { bench in
            try bench.write("b.txt", "")
            try bench.write("a/x.txt", "")
            try bench.write(".git/HEAD", "ref")
            let tools = try executor(bench)
            let listing = await call(tools, "list_files", [:])
            #expect(listing.content == "a/\na/x.txt\nb.txt")
            for index in 0..<6 { try bench.write("many/\(index).txt", "") }
            let capped = await call(tools, "list_files", ["path": "many"])
            #expect(capped.content.hasSuffix("[listing stopped at 5 entries]"))
        }
    }

    @Test("search finds matching lines with path and line number, caps results, rejects a bad pattern")
    func search() async throws {
        try await NativeBench.with { bench in
            try bench.write("src/a.swift", "func hello() {}\nlet x = 1\nfunc bye() {}\n")
            try bench.write("src/b.swift", "no match here\n")
            let tools = try executor(bench)
            let found = await call(tools, "search", ["pattern": "^func \\w+"])
            #expect(found.content == "src/a.swift:1: func hello() {}\nsrc/a.swift:3: func bye() {}")
            let none = await call(tools, "search", ["pattern": "nothing", "path": "src/b.swift"])
            #expect(none.content == "No matches.")
            let bad = await call(tools, "search", ["pattern": "("])
            #expect(bad.isError)
            for index in 0..<5 { try bench.write("many/\(index).txt", "needle\n") }
            let capped = await call(tools, "search", ["pattern": "needle"])
            #expect(capped.content.hasSuffix("[stopped at 3 matches]"))
        }
    }

    @Test("a pattern that backtracks without end cannot hang the run: PCRE's limit ends it at once")
    func catastrophicPatternEnds() async throws {
        try await NativeBench.with { bench in
            try bench.write("src/a.txt", String(repeating: "a", count: 35) + "b\n")
            try bench.write("src/odd:name.txt", "needle: here\n")
            let tools = try executor(bench)
            // The Swift Regex of the tool before ran this for ever (2^35 steps) and ignored SIGTERM.
            let hostile = await call(tools, "search", ["pattern": "(a+)+$", "path": "src/a.txt"])
            #expect(hostile.isError, "\(hostile.content)")
            #expect(hostile.content.contains("backtracking limit"), "\(hostile.content)")
            // A file name with a colon is reported whole.
            let odd = await call(tools, "search", ["pattern": "needle"])
            #expect(odd.content == "src/odd:name.txt:1: needle: here", "\(odd.content)")
        }
    }

    @Test("run_command runs a shell line in the worktree with the run's environment, output redacted")
    func runCommand() async throws {
        try await NativeBench.with { bench in
            let tools = try executor(bench, permission: .fullAuto)
            let log = AgentEventRecorder()
            let result = await call(
                tools,
                "run_command",
                ["command": "pwd; echo $HOME; echo hunter2-very-secret; exit 3"],
                log: log
            )
            #expect(result.isError)
            let lines = result.content.split(separator: "\n").map(String.init)
            #expect(lines.first == "Error: exit code 3")
            #expect(lines.dropFirst().first.map { $0.hasSuffix("/worktree") } == true)
            #expect(lines.contains(bench.runDirectory + "/home"))
            #expect(lines.contains("[REDACTED]"))
            #expect(log.commands.first?.hasSuffix("→ 3") == true)
            let ok = await call(tools, "run_command", ["command": "echo fine"])
            #expect(ok == ToolResultBlock(toolUseID: "t1", content: "exit code 0\nfine\n"))
        }
    }

    @Test("run_command output is capped")
    func runCommandCap() async throws {
        try await NativeBench.with { bench in
            let tools = try executor(bench, permission: .fullAuto)
            let result = await call(tools, "run_command", ["command": "yes 0123456789 | head -n 2000"])
            #expect(result.content.utf8.count < 4096 + 100)
            #expect(result.content.contains("[truncated "))
        }
    }

    @Test("permissions: readOnly refuses writes, editWorkspace refuses commands, the allow-list is enforced")
    func permissions() async throws {
        try await NativeBench.with { bench in
            let readOnly = try executor(bench, permission: .readOnly)
            let log = AgentEventRecorder()
            let write = await call(readOnly, "write_file", ["path": "x.txt", "content": "x"], log: log)
            #expect(write.isError)
            #expect(write.content == "Error: refused: the run is read-only: write_file is not allowed")
            #expect(bench.read("x.txt") == nil)
            let edit = try executor(bench, permission: .editWorkspace)
            let command = await call(edit, "run_command", ["command": "true"], log: log)
            #expect(command.content == "Error: refused: the run may edit files but not run commands")
            let allowlisted = try executor(bench, permission: .editAndRunAllowlisted(["echo", "ls -a"]))
            let allowed = await call(allowlisted, "run_command", ["command": "echo allowed"], log: log)
            #expect(allowed.content == "exit code 0\nallowed\n")
            let other = await call(allowlisted, "run_command", ["command": "ls -l"], log: log)
            #expect(other.content.contains("only these commands are allowed: 'echo', 'ls -a'"))
            let chained = await call(allowlisted, "run_command", ["command": "echo hi; rm -rf ."], log: log)
            #expect(chained.content.contains("shell operators"))
            #expect(log.refusals.map(\.operation) == ["write_file", "run_command", "run_command", "run_command"])
            #expect(log.refusals.last?.subject == "echo hi; rm -rf .")
        }
    }

    @Test("unknown tools and malformed arguments are error results, not failures")
    func malformed() async throws {
        try await NativeBench.with { bench in
            let tools = try executor(bench)
            let unknown = await call(tools, "Bash", ["command": "ls"])
            #expect(unknown.content.hasPrefix("Error: there is no tool `Bash`; the tools are: read_file"))
            let notJSON = await call(tools, "write_file", .string("{\"path\": "))
            #expect(notJSON.content == "Error: the arguments of write_file are not valid JSON")
            let missing = await call(tools, "write_file", ["path": "x"])
            #expect(missing.content == "Error: write_file needs a string argument `content`")
        }
    }

    @Test("the catalog offers tools by permission")
    func catalog() {
        let names = { (permission: PermissionPolicy) in NativeToolCatalog.definitions(for: permission).map(\.name) }
        #expect(names(.readOnly) == ["read_file", "list_files", "search"])
        #expect(names(.editWorkspace) == ["read_file", "list_files", "search", "write_file", "edit_file"])
        #expect(names(.editAndRunAllowlisted(["swift test"])).last == "run_command")
        #expect(names(.fullAuto).count == 6)
        for tool in NativeToolCatalog.definitions(for: .fullAuto) {
            #expect(tool.inputSchema["type"] == "object")
        }
    }
}
