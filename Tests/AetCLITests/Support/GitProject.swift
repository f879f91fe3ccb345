import AetCLI
import AetWorkspace
import Foundation

/// A real git repository (`main`, a committed README.md with a typo) set up with `aet init`, for
/// the commands that run agents. Git runs with an isolated HOME.
struct GitProject {
    let root: String
    let home: String
    let git: Git

    static func with(_ body: (GitProject) async throws -> Void) async throws {
        let base = FileManager.default.temporaryDirectory.path + "/aet-cli-git-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base + "/repo", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/home", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }  // best-effort cleanup of a temporary directory
        var configuration = Git.Configuration()
        configuration.environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": base + "/home",
            "GIT_CONFIG_NOSYSTEM": "1",
        ]
        let project = GitProject(
            root: (base + "/repo" as NSString).resolvingSymlinksInPath, home: base + "/home",
            git: Git(configuration: configuration))
        try project.write("README.md", "# greeter\n\nGrettings!\n")
        try await project.git.run(["init", "--quiet", "-b", "main"], in: project.root)
        try await project.git.run(["add", "-A"], in: project.root)
        try await project.git.run(["commit", "--quiet", "-m", "initial"], in: project.root)
        try await body(project)
    }

    /// The variables commands run with: PATH, the isolated HOME, plus `extra`.
    func variables(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
        ].merging(extra) { $1 }
    }

    func run(_ arguments: String..., variables extra: [String: String] = [:]) async -> CLIResult {
        await TestRepository.run(arguments, in: root, variables: variables(extra), now: Date())
    }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    func git(_ arguments: String...) async throws -> String {
        try await git.run(arguments, in: root).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
