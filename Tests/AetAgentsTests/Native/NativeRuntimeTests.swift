import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation
import Testing

@Suite("Native: the anthropic and openai runtimes against the scripted model server")
struct NativeRuntimeTests {
    static let cases: [(NativeProvider, Bool)] = [
        (.anthropic, true), (.anthropic, false), (.openai, true), (.openai, false),
    ]

    @Test("write_file, edit_file, final text: files, events, usage, cost, request log, transcript", arguments: cases)
    func writeThenEdit(provider: NativeProvider, streaming: Bool) async throws {
        try await NativeBench.with { bench in
            let log = AgentEventRecorder()
            let prices = PriceTable(prices: ["scripted-model": .dollars(input: 3, output: 15, cacheRead: 0.3)])
            let (outcome, server) = try await NativeScripts.run(
                NativeScripts.writeThenEdit(),
                provider: provider,
                streaming: streaming,
                bench: bench,
                prices: prices,
                log: log
            )
            #expect(outcome.status == .succeeded)
            #expect(bench.read("hello.txt") == "Hello, aet\n")
            #expect(outcome.finalText == "Created hello.txt and greeted aet.")
            #expect(outcome.turns == 3)
            #expect(outcome.usage == TokenUsage(input: 350, output: 70, cacheRead: 50))
            #expect(outcome.usageReported)
            // 350 × $3/M + 70 × $15/M + 50 × $0.3/M = 1050 + 1050 + 15 micro-dollars
            #expect(outcome.cost == .computed(micros: 2115))

            #expect(log.toolCalls.map(\.name) == ["write_file", "edit_file"])
            #expect(log.toolResults.map(\.isError) == [false, false])
            #expect(log.fileChanges == ["created hello.txt", "modified hello.txt"])
            #expect(log.texts == ["Now the greeting.", "Created hello.txt and greeted aet."])
            #expect(log.all.contains(.assistantText("Created hello.txt and greeted aet.", isFinal: true)))
            #expect(log.all.contains(.assistantText("Now the greeting.", isFinal: false)))
            #expect(log.usageSamples.map(\.tokens.output) == [20, 20, 30])
            if case .started(let start) = log.all.first {
                #expect(start.model == "scripted-model")
            } else {
                Issue.record("the first event is not started: \(String(describing: log.all.first))")
            }

            let requests = server.requests(for: NativeScripts.api(provider))
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.modelRequest?.stream == streaming })
            #expect(requests[0].systemPrompt.hasPrefix("You are the developer."))
            #expect(requests[0].toolNames == ["read_file", "list_files", "search", "write_file", "edit_file"])
            #expect(requests[1].modelRequest?.toolResults.first?.content == "Wrote 13 bytes to hello.txt (created).")
            #expect(requests[2].modelRequest?.toolResults.first?.content == "Replaced 1 occurrence(s) in hello.txt.")
            #expect(server.unusedRules.isEmpty)
            if provider == .anthropic {
                #expect(requests[0].headers["x-api-key"] == "<redacted>")
                #expect(requests[0].headers["anthropic-version"] == "2023-06-01")
            } else {
                #expect(requests[0].headers["authorization"] == "Bearer <redacted>")
            }

            let transcript = try #require(outcome.artifacts.transcript)
            #expect(transcript == bench.runDirectory + "/transcript.jsonl")
            let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 7, "start, 3 turns, 2 tool results, end")
            #expect(lines.first?.contains("\"type\":\"start\"") == true)
            #expect(lines.last?.contains("\"status\":\"succeeded\"") == true)
            #expect(!lines.contains { $0.contains("sk-test-secret-key") })
        }
    }

    @Test("an output schema adds the verdict contract to the system prompt; the cost of an unknown model is unknown")
    func outputSchema() async throws {
        try await NativeBench.with { bench in
            let schema = #"{"type":"object","required":["verdict"]}"#
            let (outcome, server) = try await NativeScripts.run(
                .sequence([.text("Looks good.\n```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```")]),
                provider: .anthropic,
                streaming: true,
                bench: bench,
                request: bench.request(permission: .readOnly, outputSchema: schema)
            )
            #expect(outcome.status == .succeeded)
            #expect(outcome.finalText.hasSuffix("```"))
            #expect(outcome.structuredOutput == nil, "the pipeline parses the verdict")
            #expect(outcome.cost == .unknown)
            let system = try #require(server.requests.first?.systemPrompt)
            #expect(system.contains("fenced code block tagged json"))
            #expect(system.contains(schema))
            #expect(server.requests.first?.toolNames == ["read_file", "list_files", "search"])
        }
    }

    @Test(
        "a readOnly run that calls write_file anyway is refused and goes on",
        arguments: [NativeProvider.anthropic, .openai]
    )
    func readOnlyRefusesWrites(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let log = AgentEventRecorder()
            let (outcome, server) = try await NativeScripts.run(
                .sequence([
                    .toolCall("write_file", arguments: ["path": "x.txt", "content": "x"]),
                    .text("I may not write."),
                ]),
                provider: provider,
                streaming: true,
                bench: bench,
                request: bench.request(permission: .readOnly),
                log: log
            )
            #expect(outcome.status == .succeeded)
            #expect(bench.read("x.txt") == nil)
            #expect(log.refusals.map(\.operation) == ["write_file"])
            let result = try #require(server.modelRequests.last?.toolResults.first)
            #expect(result.content.hasPrefix("Error: refused: the run is read-only"))
            if provider == .anthropic { #expect(result.isError) }
        }
    }

    @Test(
        "run_command under an allow-list: an allowed command runs, another is refused",
        arguments: [NativeProvider.anthropic, .openai]
    )
    func allowlist(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let log = AgentEventRecorder()
            let (outcome, server) = try await NativeScripts.run(
                .sequence([
                    .toolCalls([
                        .init("run_command", arguments: ["command": "echo tested"]),
                        .init("run_command", arguments: ["command": "rm -rf ."]),
                    ]),
                    .text("Ran the tests."),
                ]),
                provider: provider,
                streaming: false,
                bench: bench,
                request: bench.request(permission: .editAndRunAllowlisted(["echo"])),
                log: log
            )
            #expect(outcome.status == .succeeded)
            #expect(log.commands == ["echo tested → 0"])
            #expect(log.refusals.map(\.subject) == ["rm -rf ."])
            let results = try #require(server.modelRequests.last?.toolResults)
            #expect(results.map(\.content).first == "exit code 0\ntested\n")
            #expect(results.last?.content.contains("only these commands are allowed: 'echo'") == true)
        }
    }
}
