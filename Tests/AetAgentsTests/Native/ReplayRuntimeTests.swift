import AetAgents
import AetModels
import AetTesting
import Foundation
import Testing

@Suite("Native: the replay runtime")
struct ReplayRuntimeTests {
    @Test("a transcript recorded by an anthropic run reproduces its file changes in a fresh worktree")
    func replayReproducesChanges() async throws {
        try await NativeBench.with { recorded in
            let prices = PriceTable(prices: ["scripted-model": .dollars(input: 3, output: 15)])
            let (original, _) = try await NativeScripts.run(
                NativeScripts.writeThenEdit(),
                provider: .anthropic,
                streaming: true,
                bench: recorded,
                prices: prices
            )
            #expect(original.status == .succeeded)
            let recording = try #require(original.artifacts.transcript)

            try await NativeBench.with { fresh in
                let log = AgentEventRecorder()
                let runtime = ReplayRuntime(configuration: .init(recording: .file(recording), prices: prices))
                #expect(runtime.id == .replay)
                #expect(await runtime.probe().isAvailable)
                let replayed = try await runtime.run(fresh.request(model: nil), events: log.record)
                #expect(replayed.status == .succeeded)
                #expect(fresh.read("hello.txt") == "Hello, aet\n")
                #expect(replayed.finalText == original.finalText)
                #expect(replayed.usage == original.usage)
                #expect(replayed.cost == original.cost)
                #expect(replayed.turns == 3)
                #expect(log.fileChanges == ["created hello.txt", "modified hello.txt"])
                #expect(replayed.artifacts.transcript == fresh.runDirectory + "/transcript.jsonl")
                #expect(replayed.artifacts.others == [recording])
            }
        }
    }

    @Test("a hand-written recording that runs out fails the run with the missing turn; the tools it had did run")
    func recordingRunsOut() async throws {
        try await NativeBench.with { bench in
            let path = bench.root + "/recording.jsonl"
            let recording = """
                {"type":"start","version":1,"model":"claude-haiku-4-5"}
                {"type":"turn","turn":1,"blocks":[{"type":"tool_use","id":"t1","name":"write_file","input":{"path":"a.txt","content":"A"}}],"usage":{"input":1000,"output":100}}

                """
            try Data(recording.utf8).write(to: URL(fileURLWithPath: path))
            let runtime = ReplayRuntime(configuration: .init(recording: .file(path)))
            let outcome = try await runtime.run(bench.request(model: nil), events: AgentEventRecorder().record)
            #expect(outcome.status == .failed(reason: "the recording has no turn 2"))
            #expect(bench.read("a.txt") == "A")
            // claude-haiku-4-5: 1000 × $1/M + 100 × $5/M = 1500 micro-dollars
            #expect(outcome.cost == .computed(micros: 1500))
        }
    }

    @Test("a missing recording is not available; an unreadable one fails; per-stage recordings are found by stage")
    func recordingChoice() async throws {
        try await NativeBench.with { bench in
            let missing = ReplayRuntime(configuration: .init(recording: .file(bench.root + "/none.jsonl")))
            #expect(await !missing.probe().isAvailable)
            let outcome = try await missing.run(bench.request(), events: AgentEventRecorder().record)
            #expect(outcome.status == .notAvailable(reason: "the recording \(bench.root)/none.jsonl does not exist"))

            try Data("not json\n".utf8).write(to: URL(fileURLWithPath: bench.root + "/implement.jsonl"))
            let perStage = ReplayRuntime(configuration: .init(recording: .perStage(directory: bench.root)))
            #expect(
                ReplayRuntime.Recording.perStage(directory: "/r").path(for: bench.request()) == "/r/implement.jsonl"
            )
            let broken = try await perStage.run(bench.request(), events: AgentEventRecorder().record)
            guard case .failed(let reason) = broken.status else {
                Issue.record("expected failed, got \(broken.status)")
                return
            }
            #expect(reason.contains("line 1 of \(bench.root)/implement.jsonl is not a transcript record"))
        }
    }
}
