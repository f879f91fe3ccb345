import Testing

@testable import AetAgents

/// The allow-list of `run_command`: allowed commands run; shell operators, other commands and
/// arguments that read or write outside the worktree or move where the tool works are refused.
@Suite("Native: the command allow-list")
struct CommandPermissionTests {
    static let allowed = PermissionPolicy.editAndRunAllowlisted([
        "git diff", "git log", "git status", "swift test", "swift build", "make", "cargo test", "pytest", "npm test",
    ])

    @Test(
        "refused, with the reason",
        arguments: [
            ("git diff --output=/tmp/x", "--output redirects"),
            ("git diff --output /tmp/x", "--output redirects"),
            ("git diff --no-index /etc/passwd README", "--no-index redirects"),
            ("git diff --no-index a b", "--no-index redirects"),
            ("git -C /etc diff", "only these commands"),  // not `git diff …` at all
            ("git log --git-dir=/other/.git", "--git-dir redirects"),
            ("git log --work-tree=/other", "--work-tree redirects"),
            ("git diff --exec-path=/tmp", "--exec-path redirects"),
            ("git diff --config-env=core.pager=X", "--config-env redirects"),
            ("git diff --ext-diff", "--ext-diff redirects"),
            ("git log -p ../../etc/passwd", "outside the worktree"),
            ("git diff HEAD -- /etc/passwd", "outside the worktree"),
            ("git diff ~/.ssh/id_rsa", "outside the worktree"),
            ("git log HEAD:../secret", "outside the worktree"),
            ("git diff '/etc/passwd'", "outside the worktree"),
            ("swift build --scratch-path /tmp/x", "--scratch-path redirects"),
            ("swift test --package-path=/elsewhere", "--package-path redirects"),
            ("swift build --cache-path ../cache", "--cache-path redirects"),
            ("make -C /etc", "-C changes where"),
            ("make -C/etc", "-C changes where"),
            ("make --directory=/etc", "--directory redirects"),
            ("make -f ../Makefile", "outside the worktree"),
            ("cargo test --manifest-path /x/Cargo.toml", "--manifest-path redirects"),
            ("cargo test --target-dir=/tmp/t", "--target-dir redirects"),
            ("pytest --rootdir=/", "--rootdir redirects"),
            ("pytest --basetemp /tmp/b", "--basetemp redirects"),
            ("pytest @/etc/args", "outside the worktree"),
            ("npm test --prefix /", "--prefix redirects"),
            ("git diff; rm -rf ~", "shell operators"),
            ("git diff > /tmp/x", "shell operators"),
            ("git diff $(cat /etc/passwd)", "shell operators"),
            ("rm -rf .", "only these commands"),
        ]
    )
    func refused(command: String, reason: String) {
        let refusal = CommandPermission.refusal(for: command, under: Self.allowed)
        #expect(refusal?.contains(reason) == true, "\(command): \(refusal ?? "allowed")")
    }

    @Test(
        "allowed",
        arguments: [
            "git diff", "git diff --stat", "git diff HEAD~1 -- src/a.swift", "git log -p --oneline -5",
            "git log -C --stat", "git status --porcelain", "swift test --filter Greeter", "swift build -c release",
            "make test", "cargo test -- --nocapture", "pytest -q tests/test_a.py", "npm test", "git diff a..b",
            "git log v1..v2 -- docs/v1..2-notes.md",
        ]
    )
    func allowedCommands(command: String) {
        #expect(CommandPermission.refusal(for: command, under: Self.allowed) == nil, "\(command)")
    }

    @Test("full auto runs anything; read-only and edit-only run nothing")
    func policies() {
        #expect(CommandPermission.refusal(for: "git diff --output=/tmp/x", under: .fullAuto) == nil)
        #expect(CommandPermission.refusal(for: "git diff", under: .readOnly) != nil)
        #expect(CommandPermission.refusal(for: "git diff", under: .editWorkspace) != nil)
    }
}
