/// Where aet keeps its files in a project: everything lives in `<root>/.aet/`.
struct ProjectPaths: Sendable, Equatable {
    /// The directory holding `.aet/` (the repository root after `aet init`).
    let root: String

    /// `.aet/` itself.
    var aetDirectory: String { Paths.join(root, ".aet") }
    /// `.aet/config.yaml`.
    var configFile: String { Paths.join(aetDirectory, "config.yaml") }
    /// `.aet/.gitignore`.
    var gitignoreFile: String { Paths.join(aetDirectory, ".gitignore") }
    /// `.aet/logs/`.
    var logsDirectory: String { Paths.join(aetDirectory, "logs") }
    /// `.aet/logs/aet.log`, JSON lines.
    var logFile: String { Paths.join(logsDirectory, "aet.log") }

    /// The store file named by a config (relative to `.aet/` unless absolute).
    func storePath(for config: ProjectConfig) -> String {
        Paths.resolve(config.store, against: aetDirectory)
    }

    /// A path shown relative to the project root, e.g. `.aet/config.yaml`.
    func display(_ path: String) -> String { Paths.display(path, relativeTo: root) }
}
