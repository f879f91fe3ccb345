/// A git version's major and minor numbers, e.g. 2.39.
struct GitVersion: Comparable, Sendable {
    var major: Int
    var minor: Int

    /// Parses `git version 2.39.5` (also `2.37.1 (Apple Git-137.1)` and `2.45.0.windows.1`).
    init?(parsing text: String) {
        guard let numbers = text.split(separator: " ").first(where: { $0.first?.isNumber == true }) else { return nil }
        let parts = numbers.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    static func < (lhs: GitVersion, rhs: GitVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

extension WorkspaceManager {
    /// The version of the configured git.
    func gitVersion() async throws -> GitVersion {
        let output = try await git.run(["version"], in: repositoryRoot)
        guard let version = GitVersion(parsing: output.standardOutput) else {
            throw WorkspaceError(.gitFailed, "could not read the git version.", detail: output.standardOutput)
        }
        return version
    }
}
