import AetAgents
import AetCore

/// Writes the default team (``AetAgents/DefaultRoles``) into `.aet/agents/` for `aet init`, and
/// describes the project's roles afterwards.
struct DefaultRoleWriter {
    /// What `aet init` did with one role file.
    enum Outcome: String, Encodable {
        /// A default role file that did not exist was written.
        case created
        /// A default role file already existed and was left alone.
        case kept
        /// A default role file was replaced with the default (`--force`).
        case rewritten
        /// A role file of the user's own, not in the default team; never touched.
        case custom
    }

    /// One role as `aet init --json` reports it.
    struct Entry: Encodable, Equatable {
        var name: String
        var path: String
        var outcome: Outcome
        var runtime: String
        var description: String
    }

    let paths: ProjectPaths

    /// Writes each default role whose file is missing, or every one when `force`.
    /// - Parameter force: Whether to replace existing default role files.
    /// - Returns: What happened to each default role, by name.
    /// - Throws: ``CommandFailure`` when a file cannot be written.
    func writeDefaults(force: Bool) throws(CommandFailure) -> [String: Outcome] {
        try Paths.createDirectory(paths.agentsDirectory)
        var outcomes: [String: Outcome] = [:]
        for file in DefaultRoles.files {
            let path = Paths.join(paths.agentsDirectory, file.fileName)
            let exists = Paths.exists(path)
            if exists && !force {
                outcomes[file.name] = .kept
                continue
            }
            try Paths.write(file.text, to: path)
            outcomes[file.name] = exists ? .rewritten : .created
        }
        return outcomes
    }

    /// Reads every role file back and checks that the pipeline has all its roles.
    /// - Parameters:
    ///   - outcomes: What ``writeDefaults(force:)`` did.
    ///   - pipeline: The project's pipeline.
    /// - Returns: The roles in pipeline order (then the others by name), an unreadable file shown as
    ///   such; and the first problem (a user's invalid role file, a stage without its role), which
    ///   `aet init` reports after the rest.
    func readBack(outcomes: [String: Outcome], pipeline: Pipeline) -> ([Entry], ValidationFailure?) {
        let loader = paths.roleLoader
        var entries: [Entry] = []
        var problem: ValidationFailure?
        var roles: [Role] = []
        do {
            for file in try loader.fileNames() {
                let name = String(file.dropLast(3))
                do {
                    let role = try loader.load(file: file)
                    roles.append(role)
                    entries.append(entry(name, outcomes, role.effectiveRuntime.rawValue, role.description))
                } catch {
                    problem = problem ?? error
                    entries.append(entry(name, outcomes, "?", "(invalid: see the error below)"))
                }
            }
            if problem == nil { try RoleSet(roles, directory: loader.displayDirectory).check(pipeline) }
        } catch {
            problem = problem ?? error
        }
        let order = pipeline.stages.map(\.role) + DefaultRoles.names
        let rank = { (name: String) in order.firstIndex(of: name) ?? order.count }
        let sorted = entries.sorted { (rank($0.name), $0.name) < (rank($1.name), $1.name) }
        return (sorted, problem)
    }

    private func entry(_ name: String, _ outcomes: [String: Outcome], _ runtime: String, _ description: String) -> Entry
    {
        Entry(
            name: name,
            path: Paths.join(paths.agentsDirectory, name + ".md"),
            outcome: outcomes[name] ?? .custom,
            runtime: runtime,
            description: description
        )
    }

    /// Lines for people: a table of the roles, and how to get the defaults back.
    func describe(_ entries: [Entry]) -> [String] {
        let directory = paths.display(paths.agentsDirectory)
        var table = Table(columns: [.init("ROLE"), .init("FILE"), .init("RUNTIME"), .init("DESCRIPTION")])
        for entry in entries {
            let file: String
            switch entry.outcome {
            case .created: file = "created"
            case .kept: file = "kept"
            case .rewritten: file = "rewritten"
            case .custom: file = "yours"
            }
            table.append([entry.name, file, entry.runtime, Format.firstLine(entry.description)])
        }
        var lines = ["roles in \(directory)/ (edit them to change what each agent does):"]
        lines += table.render(maxWidth: 118).map { "  " + $0 }
        if entries.contains(where: { $0.outcome == .kept }) {
            lines.append("kept role files were left as they are; aet init --force rewrites them with the defaults")
        }
        return lines
    }
}
