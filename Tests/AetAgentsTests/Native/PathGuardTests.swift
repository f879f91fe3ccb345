import AetAgents
import Foundation
import Testing

@Suite("Native: the path guard")
struct PathGuardTests {
    /// A worktree with `src/a.txt`, `.git/config`, a link inside (`inner` → `src`) and links out
    /// (`outer` → the bench root, `dangling` → a missing file outside).
    private func withTree(_ body: (NativeBench, PathGuard) throws -> Void) async throws {
        try await NativeBench.with { bench throws in
            try bench.write("src/a.txt", "a")
            try bench.write(".git/config", "[core]")
            try Data("secret".utf8).write(to: URL(fileURLWithPath: bench.root + "/outside.txt"))
            let manager = FileManager.default
            try manager.createSymbolicLink(atPath: bench.worktree + "/inner", withDestinationPath: "src")
            try manager.createSymbolicLink(atPath: bench.worktree + "/outer", withDestinationPath: bench.root)
            try manager.createSymbolicLink(
                atPath: bench.worktree + "/dangling",
                withDestinationPath: bench.root + "/missing.txt"
            )
            try manager.createSymbolicLink(
                atPath: bench.worktree + "/outside-link.txt",
                withDestinationPath: bench.root + "/outside.txt"
            )
            try body(bench, PathGuard(root: bench.worktree))
        }
    }

    @Test(
        "allowed paths resolve inside the worktree",
        arguments: [
            ("src/a.txt", PathGuard.Access.read, "src/a.txt"),
            ("./src/../src/a.txt", .read, "src/a.txt"),
            ("inner/a.txt", .write, "src/a.txt"),
            ("new/dir/file.txt", .write, "new/dir/file.txt"),
            (".git/config", .read, ".git/config"),
            (".", .read, "."),
        ]
    )
    func allowed(path: String, access: PathGuard.Access, relative: String) async throws {
        try await withTree { _, pathGuard in
            let resolved = try pathGuard.resolve(path, for: access)
            #expect(resolved.relative == relative)
            #expect(resolved.absolute.hasPrefix(pathGuard.root))
        }
    }

    @Test("an absolute path inside the worktree is allowed")
    func absoluteInside() async throws {
        try await withTree { bench, pathGuard throws in
            #expect(try pathGuard.resolve(bench.worktree + "/src/a.txt", for: .write).relative == "src/a.txt")
            #expect(try pathGuard.resolve(pathGuard.root + "/new.txt", for: .write).relative == "new.txt")
        }
    }

    /// Hostile paths (at least 60), each with the access it is tried for and a part of the reason.
    static let hostile: [(String, PathGuard.Access, String)] = [
        // `..` out of the worktree
        ("../x", .read, "`..` leads outside"), ("../x", .write, "`..` leads outside"),
        ("..", .read, "`..` leads outside"), ("../", .read, "`..` leads outside"),
        ("../../etc/passwd", .read, "`..` leads outside"), ("src/../../x", .write, "`..` leads outside"),
        ("./../x", .read, "`..` leads outside"), ("a/b/../../../x", .write, "`..` leads outside"),
        ("src/../..", .read, "`..` leads outside"), ("src/./../../x", .read, "`..` leads outside"),
        ("new/dir/../../../../x", .write, "`..` leads outside"), ("../worktree/src/a.txt", .read, "`..` leads outside"),
        // absolute paths elsewhere
        ("/etc/passwd", .read, "outside the worktree"), ("/", .read, "outside the worktree"),
        ("//etc/passwd", .read, "outside the worktree"), ("/root/.bashrc", .write, "outside the worktree"),
        ("/tmp/x", .write, "outside the worktree"), ("/etc/../etc/shadow", .read, "outside the worktree"),
        ("/proc/self/environ", .read, "outside the worktree"), ("/dev/null", .write, "outside the worktree"),
        // home directory shorthand, never expanded
        ("~", .read, "~ is not expanded"), ("~/.bashrc", .write, "~ is not expanded"),
        ("~root/.ssh/authorized_keys", .write, "~ is not expanded"), ("~/../../etc/passwd", .read, "~ is not expanded"),
        // backslashes and encodings
        ("..\\x", .read, "backslash"), ("..\\..\\etc\\passwd", .write, "backslash"),
        ("src\\..\\..\\x", .write, "backslash"), ("%2e%2e/x", .read, "percent-encoded"),
        ("%2E%2E%2Fetc%2Fpasswd", .read, "percent-encoded"), ("..%2fx", .read, "percent-encoded"),
        ("%252e%252e/x", .read, "percent-encoded"), ("..%5c..%5cx", .write, "percent-encoded"),
        ("a%00.txt", .write, "percent-encoded"),
        // symbolic links out, dangling links, chains
        ("outer/outside.txt", .read, "symbolic link leads outside"),
        ("outer/new.txt", .write, "symbolic link leads outside"),
        ("outside-link.txt", .read, "symbolic link leads outside"),
        ("outside-link.txt", .write, "symbolic link leads outside"),
        ("dangling", .write, "symbolic link whose target does not exist"),
        ("dangling", .read, "symbolic link whose target does not exist"),
        ("chain1/outside.txt", .read, "symbolic link leads outside"), ("chain1", .write, "symbolic link leads outside"),
        ("inner/../outer/outside.txt", .read, "symbolic link leads outside"),
        // .git, and what some file system takes for it
        (".git/config", .write, "inside .git"), (".git", .write, "inside .git"),
        ("src/.git/hooks/pre-commit", .write, "inside .git"), (".git/hooks/../config", .write, "inside .git"),
        (".GIT/config", .write, "is .git to some file systems"),
        (".Git/hooks/pre-commit", .write, "is .git to some file systems"),
        ("src/.gIt/x", .write, "is .git to some file systems"),
        (".git./config", .write, "is .git to some file systems"),
        (".git /config", .write, "is .git to some file systems"),
        (".git. . /x", .write, "is .git to some file systems"),
        ("git~1/config", .write, "is .git to some file systems"),
        ("GIT~1/hooks/x", .write, "is .git to some file systems"),
        (".git::$INDEX_ALLOCATION/config", .write, "is .git to some file systems"),
        (".g\u{200C}it/config", .write, "invisible"), ("\u{FEFF}.git/x", .write, "invisible"),
        // invisible and direction-changing characters, control characters
        ("report\u{202E}fdp.exe", .write, "invisible"), ("a\u{200B}b.txt", .write, "invisible"),
        ("x\u{2066}y", .read, "invisible"), ("", .read, "empty"), ("a\u{0}b", .read, "control characters"),
        ("a\nb", .write, "control characters"), ("a\tb", .write, "control characters"),
        ("a\u{7F}b", .write, "control characters"),
        ("\u{1B}[31mred", .write, "control characters"),
        // overlong
        (String(repeating: "a", count: 256), .write, "longer than 255 bytes"),
        ("src/" + String(repeating: "é", count: 128), .write, "longer than 255 bytes"),
        (Array(repeating: "abcdefgh", count: 600).joined(separator: "/"), .read, "longer than 4096 bytes"),
    ]

    @Test("at least 60 hostile paths are refused with a reason")
    func hostileTableIsLarge() { #expect(Self.hostile.count >= 60) }

    @Test("hostile paths are refused with a reason", arguments: Self.hostile)
    func refused(path: String, access: PathGuard.Access, reason: String) async throws {
        try await withTree { bench, pathGuard in
            let manager = FileManager.default
            // A chain of links: chain1 → chain2 → the bench root, outside.
            // try?: the links may exist already.
            try? manager.createSymbolicLink(atPath: bench.worktree + "/chain2", withDestinationPath: bench.root)
            try? manager.createSymbolicLink(atPath: bench.worktree + "/chain1", withDestinationPath: "chain2")
            #expect {
                try pathGuard.resolve(path, for: access)
            } throws: { error in
                guard let refusal = error as? PathRefusal else { return false }
                return refusal.reason.contains(reason) && refusal.path == path
            }
        }
    }

    @Test(
        "names an over-eager guard would refuse are accepted",
        arguments: [
            "src/tmpfile.py", "src/variables.ts", "etc.py", "docs/v1..2-notes.md", "a/..b/c", "a/b../c", "...",
            ".gitignore", ".gitattributes", ".gitmodules", ".github/workflows/ci.yml", ".git-backup/x", "git~2/x",
            "src/.gitkeep", "100%.txt", "a%20b.txt", "file~", "a~b.txt", "naïve.txt", "日本語.md", "with space.txt",
            "trailing.", "src/home/x", "src/etc/passwd", "proc/self", String(repeating: "a", count: 255),
        ]
    )
    func acceptedNames(path: String) async throws {
        try await withTree { _, pathGuard in
            let resolved = try pathGuard.resolve(path, for: .write)
            #expect(resolved.absolute.hasPrefix(pathGuard.root + "/"))
        }
    }

    @Test("git's own rule: which names a file system takes for .git")
    func dotGitAliases() {
        for alias in [
            ".git", ".GIT", ".Git", ".git.", ".git ", ".git. .", ".git::$INDEX_ALLOCATION", "git~1", "GIT~1.",
            ".g\u{200C}it", "\u{FEFF}.git", ".gi\u{200D}t",
        ] {
            #expect(GitPathRules.isDotGitAlias(alias), "\(alias)")
        }
        for name in [".gitignore", ".github", ".git-backup", "git~2", "git", "x.git", ".gitx", "git~1x"] {
            #expect(!GitPathRules.isDotGitAlias(name), "\(name)")
        }
    }

    @Test("an absolute path through the unresolved root of a symlinked worktree is allowed")
    func symlinkedRoot() async throws {
        try await NativeBench.with { bench throws in
            let alias = bench.root + "/alias"
            try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: bench.worktree)
            let pathGuard = PathGuard(root: alias)
            #expect(try pathGuard.resolve(alias + "/x.txt", for: .write).relative == "x.txt")
            #expect(try pathGuard.resolve("x.txt", for: .write).absolute == pathGuard.root + "/x.txt")
        }
    }
}
