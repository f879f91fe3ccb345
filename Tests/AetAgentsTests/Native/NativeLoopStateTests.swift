import AetCore
import Testing

@testable import AetAgents

@Suite("Native: the loop's pure state")
struct NativeLoopStateTests {
    private func state(_ limits: RunLimits = RunLimits()) -> NativeLoopState {
        NativeLoopState(
            conversation: ModelConversation(model: "m", system: "s", messages: [.user("go")]), limits: limits)
    }

    private let call = ToolUse(id: "c1", name: "read_file", input: ["path": "a"])

    @Test(
        "what a reply leads to",
        arguments: [
            (ModelStopReason.toolUse, true, "run tools"),
            (.endTurn, false, "succeeded"),
            (.stopSequence, false, "succeeded"),
            (.maxTokens, false, "succeeded"),
            (.refusal, false, "failed: the model refused to continue"),
            (.contextExceeded, false, "failed: the conversation no longer fits the model's context window"),
        ]
    )
    func decisions(stop: ModelStopReason, withCall: Bool, expected: String) {
        var state = state()
        let reply = ModelTurn(blocks: [.text("t")] + (withCall ? [.toolUse(call)] : []), stopReason: stop)
        let next = state.receive(reply, costMicros: nil)
        switch next {
        case .runTools(let calls): #expect(expected == "run tools" && calls == [call])
        case .finish(.succeeded): #expect(expected == "succeeded")
        case .finish(.failed(let reason)): #expect(expected == "failed: " + reason)
        case .finish(let other): Issue.record("unexpected \(other)")
        }
        #expect(state.finalText == "t")
        #expect(state.conversation.messages.last?.role == .assistant)
        #expect(
            state.warnings == (stop == .maxTokens ? ["the model's last reply was cut at its output token limit"] : []))
    }

    @Test("turns: the limit stops before the next call; results become a user message")
    func turns() {
        var state = state(RunLimits(maxTurns: 1))
        #expect(state.statusBeforeCall == nil)
        _ = state.receive(ModelTurn(blocks: [.toolUse(call)], stopReason: .toolUse), costMicros: nil)
        state.receive(results: [ToolResultBlock(toolUseID: "c1", content: "A")])
        #expect(state.conversation.messages.map(\.role) == [.user, .assistant, .user])
        #expect(state.conversation.assistantTurns == 1)
        #expect(state.statusBeforeCall == .maxTurns)
    }

    @Test("tokens and cost are summed over replies and checked against the limits")
    func budget() {
        var state = state(RunLimits(maxTokens: 250, maxCostMicros: 1_000))
        let reply = ModelTurn(blocks: [.toolUse(call)], stopReason: .toolUse, usage: TokenUsage(input: 100, output: 20))
        #expect(state.receive(reply, costMicros: 400) == .runTools([call]))
        #expect(state.receive(reply, costMicros: 400) == .runTools([call]))
        #expect(state.receive(reply, costMicros: 400) == .finish(.budgetExceeded("tokens: 360 used, limit 250")))
        #expect(state.meter.costMicros == 1_200)
        #expect(state.usageReported)
    }
}
