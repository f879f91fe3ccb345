import AetCLI
import AetTesting
import AetWorkspace
import Foundation

/// A real git repository (`main`, a committed README.md with a typo) set up with `aet init`, for
/// the commands that run agents. Git runs with an isolated HOME.
struct GitProject {
    /// The repository (the test kit's fixture, committing as `aet <aet@localhost>`).
    let repository: GitRepositoryFixture

    var root: String { repository.root }
    var home: String { repository.home }
    var git: Git { repository.git }

    static func with(_ body: (GitProject) async throws -> Void) async throws {
        try await GitRepositoryFixture.with(
            prefix: "aet-cli-git", identity: .aet, files: ["README.md": "# greeter\n\nGrettings!\n"]
        ) { repository in
            try await body(GitProject(repository: repository))
        }
    }

    /// The variables commands run with: PATH, the isolated HOME, plus `extra`.
    func variables(_ extra: [String: String] = [:]) -> [String: String] {
        repository.environment.merging(extra) { $1 }
    }

    func run(_ arguments: String..., variables extra: [String: String] = [:]) async -> CLIResult {
        await TestRepository.run(arguments, in: root, variables: variables(extra), now: Date())
    }

    func write(_ path: String, _ text: String) throws { try repository.write(path, text) }

    func read(_ path: String) -> String? { repository.read(path) }

    func git(_ arguments: String...) async throws -> String { try await repository.run(arguments) }
}
