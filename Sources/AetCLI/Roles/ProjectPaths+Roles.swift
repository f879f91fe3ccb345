import AetAgents

extension ProjectPaths {
    /// `.aet/agents/`: one Markdown file per role.
    var agentsDirectory: String { Paths.join(aetDirectory, "agents") }

    /// A loader for the project's roles, naming files relative to the project root in its messages.
    var roleLoader: RoleLoader { RoleLoader(directory: agentsDirectory, displayDirectory: display(agentsDirectory)) }
}
