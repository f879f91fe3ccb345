/// The native agent loop's pure state: the conversation so far, the usage meter, the turns, and the
/// decision after each model reply. No I/O; the driver (``NativeAgentLoop``) calls the model and runs
/// the tools.
struct NativeLoopState: Sendable {
    /// What the driver does next.
    enum Next: Sendable, Hashable {
        /// Run these tool calls, then call ``receive(results:)`` and ask the model again.
        case runTools([ToolUse])
        /// The run is over.
        case finish(AgentRunStatus)
    }

    private(set) var conversation: ModelConversation
    private(set) var meter: UsageMeter
    private(set) var turns = 0
    /// The last non-empty assistant text.
    private(set) var finalText = ""
    /// Whether any reply reported usage.
    private(set) var usageReported = false
    /// Warnings for the outcome.
    private(set) var warnings: [String] = []

    init(conversation: ModelConversation, limits: RunLimits) {
        self.conversation = conversation
        self.meter = UsageMeter(limits: limits)
    }

    /// The status that stops the run before the next model call, if any: the turn limit.
    var statusBeforeCall: AgentRunStatus? {
        if let max = meter.limits.maxTurns, turns >= max { return .maxTurns }
        return nil
    }

    /// Takes a model reply.
    /// - Parameters:
    ///   - reply: The reply.
    ///   - costMicros: What it cost, when known.
    /// - Returns: Run its tools, or finish (done, refused, over budget).
    mutating func receive(_ reply: ModelTurn, costMicros: Int64?) -> Next {
        turns += 1
        // An assistant message may not be empty; a reply without blocks is kept as empty text.
        let blocks = reply.blocks.isEmpty ? [ContentBlock.text("")] : reply.blocks
        conversation.messages.append(ModelMessage(role: .assistant, content: blocks))
        if !reply.text.isEmpty { finalText = reply.text }
        if reply.usageReported { usageReported = true }
        let sample = UsageSample(tokens: reply.usage, costMicros: costMicros)
        if case .exceeded(let violation) = meter.record(sample, cumulative: false) {
            return .finish(violation.status)
        }
        let calls = reply.toolUses
        guard calls.isEmpty else { return .runTools(calls) }
        switch reply.stopReason {
        case .refusal:
            return .finish(.failed(reason: "the model refused to continue"))
        case .contextExceeded:
            return .finish(.failed(reason: "the conversation no longer fits the model's context window"))
        case .maxTokens:
            warnings.append("the model's last reply was cut at its output token limit")
            return .finish(.succeeded)
        case .endTurn, .toolUse, .stopSequence, .other:
            return .finish(.succeeded)
        }
    }

    /// Takes the results of the last reply's tool calls.
    /// - Parameter results: One result per call, in order.
    mutating func receive(results: [ToolResultBlock]) {
        conversation.messages.append(ModelMessage(role: .user, content: results.map(ContentBlock.toolResult)))
    }

    /// Notes a problem that does not decide the status.
    mutating func warn(_ warning: String) {
        warnings.append(warning)
    }
}
