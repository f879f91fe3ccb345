import Testing

@testable import AetWorkspace

/// The parsers of git's machine-readable output, on recorded bytes.
@Suite struct ParsingTests {
    @Test func nameStatus() {
        let output = "M\0a.txt\0A\0dir/new file.txt\0D\0gone.txt\0R087\0old.txt\0new.txt\0T\0link\0"
        #expect(
            ChangedFile.parseNameStatus(output) == [
                ChangedFile(path: "a.txt", kind: .modified),
                ChangedFile(path: "dir/new file.txt", kind: .added),
                ChangedFile(path: "gone.txt", kind: .deleted),
                ChangedFile(path: "new.txt", kind: .renamed(from: "old.txt")),
                ChangedFile(path: "link", kind: .typeChanged),
            ]
        )
        #expect(ChangedFile.parseNameStatus("").isEmpty)
    }

    @Test func numstat() {
        let stat = DiffStat.parse("3\t1\ta.txt\0-\t-\timage.png\0" + "2\t0\t\0old.txt\0new.txt\0")
        #expect(stat.files.map(\.path) == ["a.txt", "image.png", "new.txt"])
        #expect(stat.files[1].isBinary)
        #expect(stat.insertions == 5)
        #expect(stat.deletions == 1)
        #expect(DiffStat.parse("").description == "no changes")
    }

    @Test func mergeTreeConflict() {
        let output =
            "136e854ff43c62682397f7a585b75275aaf042fe\0a.txt\0b.txt\0\0"
            + "1\0a.txt\0Auto-merging\0Auto-merging a.txt\n\0"
            + "1\0a.txt\0CONFLICT (contents)\0CONFLICT (content): Merge conflict in a.txt\n\0"
        let parsed = MergeTreeOutput.parse(output)
        #expect(parsed.tree == "136e854ff43c62682397f7a585b75275aaf042fe")
        #expect(parsed.conflictedFiles == ["a.txt", "b.txt"])
        #expect(parsed.messages == ["CONFLICT (content): Merge conflict in a.txt"])
        #expect(MergeTreeOutput.parse("924aee02c13a9effb273bc91c460cca6ecfea30b\0").conflictedFiles.isEmpty)
    }

    @Test func worktreeList() {
        let output = """
            worktree /nonexistent/repo
            HEAD 3f786850e387550fdab836ed7e6dc881de23001b
            branch refs/heads/main

            worktree /nonexistent/repo/.aet/worktrees/T-1
            HEAD 3f786850e387550fdab836ed7e6dc881de23001b
            detached
            prunable gitdir file points to non-existent location

            """
        let entries = WorktreeEntry.parse(output)
        #expect(entries.count == 2)
        #expect(entries[0].branch == "refs/heads/main")
        #expect(entries[1].branch == nil)
        #expect(entries[1].isPrunable)
        #expect(entries[1].head == CommitID("3f786850e387550fdab836ed7e6dc881de23001b"))
    }

    @Test func gitVersions() {
        #expect(GitVersion(parsing: "git version 2.39.5\n") == GitVersion(major: 2, minor: 39))
        #expect(GitVersion(parsing: "git version 2.37.1 (Apple Git-137.1)") == GitVersion(major: 2, minor: 37))
        #expect(GitVersion(parsing: "git version 2.45.0.windows.1") == GitVersion(major: 2, minor: 45))
        #expect(GitVersion(major: 2, minor: 34) < GitVersion(major: 2, minor: 38))
        #expect(GitVersion(parsing: "nonsense") == nil)
    }

    @Test func commitIDs() {
        #expect(
            CommitID("3F786850E387550FDAB836ED7E6DC881DE23001B\n")?.rawValue
                == "3f786850e387550fdab836ed7e6dc881de23001b"
        )
        #expect(CommitID("3f78685")?.short == nil)
        #expect(CommitID("zz786850e387550fdab836ed7e6dc881de23001b") == nil)
    }
}
