/// The team `aet init` writes into `.aet/agents/`: planner, architect, developer, reviewer, tester and
/// integrator, one role per stage of ``AetCore/Pipeline/default``.
///
/// Each file parses with ``Role/init(parsing:path:)``; users edit them freely, and `aet init` never
/// overwrites an existing one unless `--force`.
///
/// ```swift
/// for file in DefaultRoles.files {
///     try file.text.write(toFile: agents + "/" + file.fileName, atomically: true, encoding: .utf8)
/// }
/// ```
public enum DefaultRoles {
    /// One default role file.
    public struct File: Sendable, Hashable {
        /// The role's name.
        public let name: String
        /// The whole file: front matter and instructions.
        public let text: String

        /// The file's name in `.aet/agents/`, e.g. `reviewer.md`.
        public var fileName: String { name + ".md" }
    }

    /// The six files, in pipeline order.
    public static let files: [File] = [
        File(name: "planner", text: planner),
        File(name: "architect", text: architect),
        File(name: "developer", text: developer),
        File(name: "reviewer", text: reviewer),
        File(name: "tester", text: tester),
        File(name: "integrator", text: integrator),
    ]

    /// The default roles' names, in pipeline order.
    public static let names: [String] = files.map(\.name)

    /// The default file of a role.
    /// - Parameter name: A role's name.
    /// - Returns: Its default file, or nil when `name` is not in the default team.
    public static func file(named name: String) -> File? { files.first { $0.name == name } }
}
