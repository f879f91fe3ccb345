import AetCore
import AetScheduler
import Foundation
import Testing

@Suite("Prompt builder")
struct PromptBuilderTests {
    func state(_ events: [DomainEvent]) -> TicketState {
        var state: TicketState?
        let created = DomainEvent.ticketCreated(
            TicketCreated(ticket: TicketID(4), draft: TicketDraft(description: "Add a greeting")))
        for (index, event) in ([created] + events).enumerated() {
            TicketReducer.apply(
                event,
                context: EventContext(
                    position: EventPosition(Int64(index + 1)), version: Int64(index + 1),
                    recordedAt: Timestamp(microseconds: 0)), to: &state)
        }
        return state!
    }

    @Test func carriesTheTicketEarlierOutputsAndTheWorktree() {
        let ticket = state([
            .stageStarted(StageStarted(stage: .plan, attempt: 1)),
            .stageCompleted(StageCompleted(stage: .plan, summary: "1. write hello.txt")),
        ])
        let prompt = PromptBuilder().build(
            .init(ticket: ticket, stage: Pipeline.default.stages[2], worktree: "/wt/T-4", branch: "aet/T-4"))
        #expect(prompt.contains("# Ticket T-4\n\nAdd a greeting"))
        #expect(prompt.contains("### plan\n\n1. write hello.txt"))
        #expect(prompt.contains("`/wt/T-4`") && prompt.contains("`aet/T-4`"))
        #expect(!prompt.contains("Feedback you must address"))
        #expect(!prompt.contains("\"verdict\""))
    }

    @Test func aReworkCarriesTheGateFeedbackOnce() {
        let ticket = state([
            .stageStarted(StageStarted(stage: .implement, attempt: 1)),
            .stageCompleted(StageCompleted(stage: .implement, summary: "did it")),
            .stageStarted(StageStarted(stage: .review, attempt: 1)),
            .stageSentBack(
                StageSentBack(stage: .review, target: .implement, feedback: "- handle empty names", rework: 1)),
        ])
        let prompt = PromptBuilder().build(
            .init(ticket: ticket, stage: Pipeline.default.stages[2], worktree: "/wt", branch: "b"))
        #expect(prompt.contains("## Feedback you must address"))
        #expect(prompt.components(separatedBy: "handle empty names").count == 2)
    }

    @Test func aGateGetsTheDiffAndTheVerdictContract() {
        let prompt = PromptBuilder().build(
            .init(
                ticket: state([]), stage: Pipeline.default.stages[3], worktree: "/wt", branch: "b",
                diff: "+hello", expectsVerdict: true))
        #expect(prompt.contains("```diff\n+hello\n```"))
        #expect(prompt.contains("\"verdict\": \"approve\" | \"request_changes\""))
    }
}
