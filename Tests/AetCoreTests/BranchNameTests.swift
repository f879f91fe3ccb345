import AetCore
import Testing

/// `BranchName.validate` accepts a safe subset of what `git check-ref-format --branch` accepts.
@Suite struct BranchNameTests {
    @Test(
        "plain branch names are accepted",
        arguments: [
            "main", "release/2.0", "feature/T-12_fix", "v1.2.3", "a", "dev@home", "fix-ü",
            String(repeating: "b", count: 200),
        ]
    )
    func accepted(name: String) throws {
        try BranchName.validate(name)
    }

    @Test(
        "names git refuses or that look like options are refused",
        arguments: [
            "", "-x", "--force", "a..b", "a b", "a~b", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "x.lock", "x.",
            "/a", "a/", "a//b", "a@{b", "a\tb", "a\nb", "a\u{7F}b", "a\u{0}b", String(repeating: "b", count: 201),
        ]
    )
    func refused(name: String) {
        let failure = #expect(throws: ValidationFailure.self) { try BranchName.validate(name) }
        #expect(failure?.message.contains("the branch name '") == true)
        #expect(failure?.message.contains("such as main") == true)
    }

    @Test(
        "names git check-ref-format --branch refuses are refused",
        arguments: [".x", "a/.b", "a/./b", "a.lock/b", "release/.hidden"]
    )
    func refusedLikeGit(name: String) {
        #expect(throws: ValidationFailure.self) { try BranchName.validate(name) }
    }
}
