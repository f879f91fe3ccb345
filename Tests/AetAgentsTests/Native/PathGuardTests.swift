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

    @Test(
        "escapes are refused with a reason",
        arguments: [
            ("../x", PathGuard.Access.read, "`..` leads outside"),
            ("src/../../x", .write, "`..` leads outside"),
            ("/etc/passwd", .read, "outside the worktree"),
            ("outer/outside.txt", .read, "symbolic link leads outside"),
            ("outer/new.txt", .write, "symbolic link leads outside"),
            ("outside-link.txt", .read, "symbolic link leads outside"),
            ("dangling", .write, "symbolic link whose target does not exist"),
            (".git/config", .write, "inside .git"),
            ("src/.git/hooks/pre-commit", .write, "inside .git"),
            ("", .read, "empty"),
            ("a\u{0}b", .read, "control characters"),
        ]
    )
    func refused(path: String, access: PathGuard.Access, reason: String) async throws {
        try await withTree { _, pathGuard in
            #expect {
                try pathGuard.resolve(path, for: access)
            } throws: { error in
                guard let refusal = error as? PathRefusal else { return false }
                return refusal.reason.contains(reason) && refusal.path == path
            }
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
