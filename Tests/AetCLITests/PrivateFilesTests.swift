import Foundation
import Testing

/// aet's own state is readable by the user only: `.aet/`, its logs and run directories 0700; the
/// store (with its WAL files), the log file and the run logs 0600.
@Suite struct PrivateFilesTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).flatMap { $0 }
    }

    @Test func theStoreLogsAndRunsAreTheUsersOnly() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            try InterruptTests.developer("echo hi > \"$AET_WORKTREE/hi.txt\"; echo done", in: project)
            let simple = await project.run("simple", "Say hi")
            #expect(simple.code == 0, "\(simple.stdout)\(simple.stderr)")
            let aet = project.root + "/.aet"
            #expect(Self.mode(aet) == 0o700)
            #expect(Self.mode(aet + "/logs") == 0o700)
            #expect(Self.mode(aet + "/runs") == 0o700)
            #expect(Self.mode(aet + "/aet.db") == 0o600)
            #expect(Self.mode(aet + "/logs/aet.log") == 0o600)
            for file in ["aet.db-wal", "aet.db-shm", "aet.db-open.lock"]
            where FileManager.default.fileExists(atPath: aet + "/" + file) {
                #expect(Self.mode(aet + "/" + file) == 0o600, "\(file)")
            }
            let runs = try FileManager.default.contentsOfDirectory(atPath: aet + "/runs")
            #expect(!runs.isEmpty)
            for run in runs {
                #expect(Self.mode(aet + "/runs/" + run) == 0o700, "\(run)")
                #expect(Self.mode(aet + "/runs/" + run + "/stdout.log") == 0o600, "\(run)")
            }
        }
    }

    @Test func initAgainTightensAnOpenAetDirectory() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            chmod(project.root + "/.aet", 0o755)
            #expect(await project.run("init").code == 0)
            #expect(Self.mode(project.root + "/.aet") == 0o700)
        }
    }
}
