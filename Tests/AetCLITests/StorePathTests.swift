import AetCore
import AetStore
import Foundation
import Testing

/// Read commands on a store they may not write, and store paths that are not a store: a sentence,
/// exit 2, and nothing created.
@Suite struct StorePathTests {
    static let readCommands: [[String]] = [
        ["status"], ["show", "T-1"], ["events"], ["events", "--ticket", "T-1", "--json"], ["logs", "T-1"],
        ["verify-state"], ["dlq", "list"],
    ]

    /// Every file and directory under `directory`, relative.
    static func listing(_ directory: String) -> Set<String> {
        Set(FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
    }

    @Test func readCommandsCreateNoFile() async throws {
        try await TestRepository.with { repo in
            #expect(await repo.run("init").code == 0)
            #expect(await repo.run("create", "first ticket").code == 0)
            // No writer has the store open now: no -wal, -shm or lock file; no log file either.
            for name in ["aet.db-wal", "aet.db-shm", "aet.db-open.lock"] {
                try? FileManager.default.removeItem(atPath: repo.root + "/.aet/" + name)  // may be absent
            }
            try FileManager.default.removeItem(atPath: repo.root + "/.aet/logs")
            let before = Self.listing(repo.root + "/.aet")
            for arguments in Self.readCommands {
                let result = await TestRepository.run(arguments, in: repo.root, variables: [:], now: repo.now)
                #expect(result.code == 0, "\(arguments): \(result.stderr)")
            }
            #expect(Self.listing(repo.root + "/.aet") == before)
        }
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")))
    func readCommandsWorkOnAReadOnlyStore() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            #expect(await project.run("create", "first ticket").code == 0)
            for arguments in Self.readCommands + [["create", "a write"]] {
                // A private mount namespace in which .aet/ is mounted read-only (root ignores file modes).
                let readOnly = [
                    "/usr/bin/unshare", "-m", "sh", "-c", "mount --bind -o ro .aet .aet && exec \"$0\" \"$@\"",
                ]
                let (process, output) = try InterruptTests.start(arguments, in: project, wrappedIn: readOnly)
                let (_, text) = await InterruptTests.end(process, output: output)
                if arguments[0] == "create" {
                    #expect(process.terminationStatus != 0, "a write to a read-only store cannot succeed: \(text)")
                    #expect(!text.contains("NSCocoaErrorDomain"), "\(text)")
                } else {
                    #expect(process.terminationStatus == 0, "\(arguments): \(text)")
                }
            }
        }
    }

    @Test(arguments: ["dir", "fifo", "/dev/null", "text", "missing"])
    func aStorePathThatIsNotAStoreIsRefusedAndNothingIsCreated(kind: String) async throws {
        try await TestRepository.withPlainDirectory { directory in
            let path: String
            switch kind {
            case "dir":
                path = directory + "/store.d"
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            case "fifo":
                path = directory + "/fifo"
                #expect(mkfifo(path, 0o600) == 0)
            case "text":
                path = directory + "/notes.txt"
                try Data("hello\n".utf8).write(to: URL(fileURLWithPath: path))
            case "missing": path = directory + "/nothere.db"
            default: path = kind
            }
            let before = Self.listing(directory)
            let read = await TestRepository.run(
                ["status", "--store", path], in: directory, variables: [:], now: TestRepository.fixedNow)
            #expect(read.code == 2, "\(read.stderr)")
            #expect(read.stderr.hasPrefix("error: ") && !read.stderr.contains("NSCocoaErrorDomain"))
            if kind != "missing" {
                let write = await TestRepository.run(
                    ["create", "x", "--store", path], in: directory, variables: [:], now: TestRepository.fixedNow)
                #expect(write.code == 2, "\(write.stderr)")
            }
            #expect(Self.listing(directory) == before)
            #expect(!FileManager.default.fileExists(atPath: "/dev/null-open.lock"))
        }
    }

    @Test func aFileNamedDotAetGetsASentence() async throws {
        try await TestRepository.with { repo in
            try Data().write(to: URL(fileURLWithPath: repo.root + "/.aet"))
            for arguments in [["init"], ["status"], ["create", "x"]] {
                let result = await TestRepository.run(arguments, in: repo.root, variables: [:], now: repo.now)
                #expect(result.code == 2)
                #expect(result.stderr.contains(".aet is a file, not aet's directory"), "\(arguments): \(result.stderr)")
            }
        }
    }

    @Test func aNegativeSinceSaysWhatIsWrong() async throws {
        try await TestRepository.with { repo in
            #expect(await repo.run("init").code == 0)
            let result = await repo.run("events", "--since", "-1")
            #expect(result.code == 2)
            #expect(result.stderr.contains("--since must be a position, 0 or more (not -1)"), "\(result.stderr)")
        }
    }
}
