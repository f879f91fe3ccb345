import AetCore

@testable import AetAgents

/// The run the command-builder tests build invocations for: ticket 1's implement stage in
/// `/w/T-1`, run directory `/runs/r1` (nothing is written there).
enum CLIRuntimeSamples {
    /// The run's files.
    /// - Parameter withSchema: Whether the request has an output schema (`/runs/r1/output-schema.json`).
    /// - Returns: The files.
    static func files(withSchema: Bool = false) -> AgentRunFiles {
        AgentRunFiles(
            home: "/runs/r1/home",
            prompt: "/runs/r1/prompt.md",
            instructions: "/runs/r1/instructions.md",
            schema: withSchema ? "/runs/r1/output-schema.json" : nil,
            directory: "/runs/r1"
        )
    }

    /// A request of the developer role.
    static func request(
        prompt: String = "Do it.",
        instructions: String = "",
        model: String? = nil,
        permission: PermissionPolicy = .editWorkspace,
        allowedTools: [String] = [],
        deniedTools: [String] = [],
        outputSchema: String? = nil,
        limits: RunLimits = RunLimits(),
        environment: [String: String] = [:]
    ) -> AgentRunRequest {
        AgentRunRequest(
            runID: RunID(ticket: TicketID(1), stage: .implement, attempt: 1),
            ticket: TicketID(1),
            stage: .implement,
            roleName: "developer",
            worktree: "/w/T-1",
            prompt: prompt,
            instructions: instructions,
            model: model,
            permission: permission,
            allowedTools: allowedTools,
            deniedTools: deniedTools,
            outputSchema: outputSchema,
            limits: limits,
            environment: environment,
            runDirectory: "/runs/r1"
        )
    }
}

extension CLIBench {
    /// A reviewer's verdict schema, as the real-CLI tests ask for it.
    static let verdictSchema = """
        {"type":"object","properties":{"verdict":{"type":"string","enum":["approve","reject"]},\
        "summary":{"type":"string"}},"required":["verdict","summary"],"additionalProperties":false}
        """

    /// A read-only review request with ``verdictSchema`` as its output schema.
    /// - Parameter model: The model.
    /// - Returns: The request.
    func reviewRequest(model: String) -> AgentRunRequest {
        request(
            prompt: "Review the change.",
            instructions: "You are the reviewer.",
            model: model,
            permission: .readOnly,
            outputSchema: Self.verdictSchema
        )
    }
}
