public import AetCore

/// Builds the task text a stage's agent is given: the ticket, where it works, what earlier stages
/// produced, the feedback of a gate that sent the ticket back, and (for gates) the change so far.
///
/// The role's own instructions travel separately (``AetAgents/AgentRunRequest/instructions``), so
/// a runtime can put them where its agent expects a system prompt.
public struct PromptBuilder: Sendable {
    /// What the prompt is built from.
    public struct Input: Sendable {
        public var ticket: TicketState
        /// The pipeline the ticket runs: the outputs shown are those of the stages before `stage` in it.
        public var pipeline: Pipeline
        public var stage: Pipeline.Stage
        public var worktree: String
        public var branch: String
        /// The change so far (`git diff` against the base), for gates and the integrator; capped by the caller.
        public var diff: String?
        /// Whether the agent must end with a verdict block.
        public var expectsVerdict: Bool

        public init(
            ticket: TicketState, pipeline: Pipeline = .default, stage: Pipeline.Stage, worktree: String, branch: String,
            diff: String? = nil, expectsVerdict: Bool = false
        ) {
            self.ticket = ticket
            self.pipeline = pipeline
            self.stage = stage
            self.worktree = worktree
            self.branch = branch
            self.diff = diff
            self.expectsVerdict = expectsVerdict
        }
    }

    public init() {}

    /// Builds the prompt.
    /// - Parameter input: The ticket, stage and context.
    /// - Returns: Markdown text.
    public func build(_ input: Input) -> String {
        let ticket = input.ticket
        var text = "# Ticket \(ticket.id)\n\n\(ticket.description)\n\n"
        text += "## Your stage: \(input.stage.name) (role \(input.stage.role))\n\n"
        text += "You work in the git worktree `\(input.worktree)` on branch `\(input.branch)`, "
        text += "which starts from `\(ticket.baseBranch)`. Change files only inside it. "
        text += "Do not commit, branch or merge: aet commits a checkpoint after your stage and merges at the end.\n\n"

        let earlier = earlierOutputs(of: ticket, in: input.pipeline, before: input.stage.name)
        if !earlier.isEmpty {
            text += "## What earlier stages produced\n\n"
            for (name, summary) in earlier { text += "### \(name)\n\n\(summary)\n\n" }
        }
        if let feedback = feedback(for: input.stage.name, in: ticket) {
            text += "## Feedback you must address\n\n"
            text += "A later stage sent this ticket back to you (rework \(ticket.reworks)):\n\n\(feedback)\n\n"
        }
        if let diff = input.diff {
            text += "## The change so far (`git diff \(ticket.baseBranch)`)\n\n"
            text += diff.isEmpty ? "(no changes)\n\n" : "```diff\n\(diff)\n```\n\n"
        }
        if input.expectsVerdict {
            text += "## Your verdict\n\n"
            text += "End your final message with a fenced json block holding exactly "
            text += "`{\"verdict\": \"approve\" | \"request_changes\", \"reasons\": [\"...\"]}` "
            text +=
                "(reasons may be empty when you approve; when you request changes, each reason says what to change and where).\n"
        } else {
            text += "## When you are done\n\nEnd with a short summary of what you did and what is left, if anything.\n"
        }
        return text
    }

    /// The summaries of the completed stages that come before `stage` in the pipeline.
    private func earlierOutputs(of ticket: TicketState, in pipeline: Pipeline, before stage: StageName) -> [(
        StageName, String
    )] {
        let names = pipeline.stages.prefix { $0.name != stage }.map(\.name)
        return names.compactMap { name in
            guard let state = ticket.stages.first(where: { $0.name == name }), state.status == .completed,
                let note = state.note, !note.isEmpty
            else { return nil }
            return (name, note)
        }
    }

    /// The feedback for a stage a gate sent the ticket back to.
    private func feedback(for stage: StageName, in ticket: TicketState) -> String? {
        guard let state = ticket.stages.first(where: { $0.name == stage }) else { return nil }
        // While the stage runs again its note is cleared by `stage.started`; the executor passes the
        // feedback by building the prompt before starting the stage.
        guard state.status == .pending, let note = state.note, !note.isEmpty else { return nil }
        return note
    }
}
