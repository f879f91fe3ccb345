import AetWorkspace
import Foundation

/// Creates the demo's git repository.
enum DemoRepository {
    static let identity = Git.Identity(name: "aet demo", email: "demo@aet.invalid")

    static func create(at paths: ProjectPaths) async throws {
        for file in DemoProject.files {
            try Paths.createDirectory(Paths.parent(of: Paths.join(paths.root, file.path)))
            try Paths.write(file.text, to: Paths.join(paths.root, file.path))
        }
        let git = Git()
        try await git.run(["init", "--quiet", "-b", "main"], in: paths.root)
        try await git.run(["add", "-A"], in: paths.root)
        try await git.run(
            ["commit", "--quiet", "-m", "greeter: a greeting script with tests"], in: paths.root, identity: identity)
    }

    /// Commits `.aet/config.yaml` and the roles, so the user's checkout is clean and aet can fast-forward it.
    static func commitConfiguration(at paths: ProjectPaths) async throws {
        try Paths.write("aet.db*\nlogs/\nruns/\nworktrees/\nprocess.lock\n", to: paths.gitignoreFile)
        let git = Git()
        try await git.run(["add", "-A"], in: paths.root)
        try await git.run(["commit", "--quiet", "-m", "Set up aet"], in: paths.root, identity: identity)
    }
}
