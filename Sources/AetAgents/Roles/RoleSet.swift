public import AetCore

/// The roles of a project, by name, as ``RoleLoader`` read them from `.aet/agents/`.
///
/// ```swift
/// let roles = try RoleLoader(directory: root + "/.aet/agents").load()
/// try roles.check(Pipeline.default)   // every stage's role exists
/// let reviewer = roles["reviewer"]
/// ```
public struct RoleSet: Sendable, Hashable {
    /// The roles, sorted by name.
    public let roles: [Role]
    /// The directory they came from, as shown to the user (e.g. `.aet/agents`).
    public let directory: String

    /// Creates a set.
    /// - Parameters:
    ///   - roles: The roles; names must be unique.
    ///   - directory: The directory as shown in messages.
    /// - Throws: ``ValidationFailure`` when two roles share a name.
    public init(_ roles: [Role], directory: String = ".aet/agents") throws(ValidationFailure) {
        let sorted = roles.sorted { $0.name < $1.name }
        for (first, second) in zip(sorted, sorted.dropFirst()) where first.name == second.name {
            throw ValidationFailure("two roles are named \(first.name): give each role its own name and file.")
        }
        self.roles = sorted
        self.directory = directory
    }

    /// The role's names, sorted.
    public var names: [String] { roles.map(\.name) }

    /// The role named `name`, or nil.
    public subscript(name: String) -> Role? { roles.first { $0.name == name } }

    /// The role named `name`.
    /// - Parameter name: A role's name.
    /// - Returns: The role.
    /// - Throws: ``ValidationFailure`` saying which file is missing and how to add it.
    public func role(named name: String) throws(ValidationFailure) -> Role {
        guard let role = self[name] else {
            throw ValidationFailure("there is no role \(name): \(missingFileAdvice(for: name))")
        }
        return role
    }

    /// Checks that every stage of `pipeline` has its role.
    /// - Parameter pipeline: The project's pipeline.
    /// - Throws: ``ValidationFailure`` naming the first stage whose role is missing.
    public func check(_ pipeline: Pipeline) throws(ValidationFailure) {
        for stage in pipeline.stages where self[stage.role] == nil {
            throw ValidationFailure(
                "stage \(stage.name) needs the role \(stage.role), but \(missingFileAdvice(for: stage.role))"
            )
        }
    }

    /// "<dir>/<name>.md does not exist: …", with `aet init` for a role of the default team.
    private func missingFileAdvice(for name: String) -> String {
        let file = directory.hasSuffix("/") ? "\(directory)\(name).md" : "\(directory)/\(name).md"
        if DefaultRoles.names.contains(name) {
            return "\(file) does not exist: run aet init (it writes the missing default roles and keeps the rest) "
                + "or write it."
        }
        return "\(file) does not exist: write it (see docs/roles.md)."
    }
}
