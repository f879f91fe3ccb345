extension CLIRuntimeConfiguration {
    /// The complete environment of an agent CLI: the allow-listed host variables and the ones the
    /// runtime needs, `HOME` (and the XDG directories) in the run's home, `TMPDIR` in the run's
    /// private temporary directory, the request's variables, then the runtime's own settings, which win.
    /// - Parameters:
    ///   - request: The request (its ``AgentRunRequest/environment``).
    ///   - files: The run's files (its home).
    ///   - runtimeVariables: Host variables the runtime passes through, e.g. `OPENAI_API_KEY`.
    ///   - settings: Variables the runtime sets for every run, e.g. `CODEX_HOME`.
    /// - Returns: The environment.
    func agentEnvironment(
        for request: AgentRunRequest,
        files: AgentRunFiles,
        runtimeVariables: Set<String>,
        settings: [String: String]
    ) -> [String: String] {
        environmentPolicy.makeEnvironment(
            host: hostEnvironment,
            runtimeVariables: runtimeVariables,
            home: files.home,
            extra: ["TMPDIR": files.temporary].merging(request.environment) { _, requested in requested }
                .merging(settings) { _, setting in setting }
        )
    }
}
