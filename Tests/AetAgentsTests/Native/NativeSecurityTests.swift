import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation
import Testing

@Suite("Native: tool calls that escape the worktree are refused and the run goes on")
struct NativeSecurityTests {
    @Test(
        "`..`, an absolute path and a symlink out: refused, reported, answered as errors, run succeeds",
        arguments: [NativeProvider.anthropic, .openai]
    )
    func escapes(provider: NativeProvider) async throws {
        try await NativeBench.with { bench in
            let outside = bench.root + "/outside.txt"
            try Data("secret".utf8).write(to: URL(fileURLWithPath: outside))
            try FileManager.default.createSymbolicLink(atPath: bench.worktree + "/out", withDestinationPath: bench.root)
            let log = AgentEventRecorder()
            let (outcome, server) = try await NativeScripts.run(
                .sequence([
                    .toolCalls([
                        .init("write_file", arguments: ["path": "../escaped.txt", "content": "x"]),
                        .init("read_file", arguments: ["path": .string(outside)]),
                        .init("write_file", arguments: ["path": "out/linked.txt", "content": "x"]),
                    ]),
                    .toolCall("write_file", arguments: ["path": "inside.txt", "content": "ok"]),
                    .text("Done, inside the worktree."),
                ]),
                provider: provider,
                streaming: true,
                bench: bench,
                log: log
            )
            #expect(outcome.status == .succeeded)
            #expect(!FileManager.default.fileExists(atPath: bench.root + "/escaped.txt"))
            #expect(!FileManager.default.fileExists(atPath: bench.root + "/linked.txt"))
            #expect(bench.read("inside.txt") == "ok")
            #expect(log.refusals.map(\.operation) == ["write_file", "read_file", "write_file"])
            #expect(log.refusals.map(\.subject) == ["../escaped.txt", outside, "out/linked.txt"])
            #expect(log.refusals[0].reason.contains("`..` leads outside the worktree"))
            #expect(log.refusals[1].reason.contains("outside the worktree"))
            #expect(log.refusals[2].reason.contains("symbolic link leads outside"))
            #expect(log.toolResults.map(\.isError) == [true, true, true, false])

            let results = try #require(server.modelRequests.dropFirst().first?.toolResults)
            #expect(results.count == 3)
            #expect(results.allSatisfy { $0.content.hasPrefix("Error: refused: ") })
            #expect(!results.contains { $0.content.contains("secret") })
        }
    }
}
