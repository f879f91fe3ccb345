import Foundation

/// The system prompt of a native run: the role's instructions, short guidance on the tools, and,
/// when the request has an output schema, the verdict contract (the final message ends with a
/// fenced `json` block matching the schema; the pipeline parses the last such block).
enum NativeSystemPrompt {
    static func make(for request: AgentRunRequest, tools: [ToolDefinition]) -> String {
        var parts: [String] = []
        let instructions = request.instructions.trimmingCharacters(in: .whitespacesAndNewlines)
        if !instructions.isEmpty { parts.append(instructions) }
        let names = tools.map(\.name)
        var guidance = """
            You are working in a git worktree; all paths are relative to its root. \
            Use the tools (\(names.joined(separator: ", "))) to look at and change the code: \
            read a file before you edit it, and prefer edit_file for small changes. \
            Paths outside the worktree and the .git directory are refused.
            """
        if names.contains(NativeToolCatalog.runCommand) {
            guidance += " run_command runs a command line in the worktree and answers its exit code and output."
        }
        guidance += " When the task is done, answer with a short summary of what you did and call no more tools."
        parts.append(guidance)
        if let schema = request.outputSchema {
            parts.append(
                """
                Your final message must end with a fenced code block tagged json whose content matches \
                this JSON Schema (only the last ```json block of your final message is read):
                ```json
                \(schema.trimmingCharacters(in: .whitespacesAndNewlines))
                ```
                """
            )
        }
        return parts.joined(separator: "\n\n")
    }
}
