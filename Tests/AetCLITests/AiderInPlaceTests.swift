import AetCLI
import AetModels
import AetTesting
import AetWorkspace
import Foundation
import Testing

/// `aet simple` in place with the real aider (from the shared `.build/agents-venv`) against the scripted
/// model server: the checkout ends as aider's edit alone would leave it. Disabled when aider is absent.
@Suite("aet simple in place, real aider", .enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.aider, "aider")))
struct AiderInPlaceTests {
    @Test func aidersScratchFilesAndStagingAreNotLeftInTheUsersCheckout() async throws {
        let aider = try InstalledAgentCLIs.require(InstalledAgentCLIs.aider, "aider")
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            let developer = try #require(project.read(".aet/agents/developer.md"))
            try project.write(
                ".aet/agents/developer.md",
                developer.replacingOccurrences(
                    of: "name: developer\n", with: "name: developer\nmodel: openai/scripted-model\n"))
            try await project.git.run(["add", "-A"], in: project.root)
            try await project.git.run(["commit", "-qm", "aet"], in: project.root)
            // The user's own staged work, which must stay exactly as staged.
            try project.write("notes.txt", "the user's staged notes\n")
            try await project.git.run(["add", "notes.txt"], in: project.root)
            let stagedBefore = try await project.git("diff", "--cached")

            let server = ScriptedModelServer(
                script: ScriptedModel(rules: [
                    .init(
                        "edit", when: .lastMessage(contains: "Create hello.txt"),
                        reply: .aiderCreatingFile("hello.txt", line: "hi from aider"), uses: .repeatable)
                ]))
            try await server.withRunning { baseURL in
                let bin = (aider as NSString).deletingLastPathComponent
                let result = await project.run(
                    "simple", "Create hello.txt saying hi", "--runtime", "aider",
                    variables: [
                        "OPENAI_API_BASE": baseURL.absoluteString + "/v1", "OPENAI_API_KEY": "sk-test-scripted-key",
                        "PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                    ])
                #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
                #expect(
                    result.stdout.contains("changed (not committed; review with git diff): hello.txt\n"),
                    "\(result.stdout)")
            }
            #expect(project.read("hello.txt") == "hi from aider\n")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root).filter {
                $0.hasPrefix(".aider")
            }
            #expect(leftovers.isEmpty)
            #expect(try await project.git("diff", "--cached") == stagedBefore)
            #expect(try await project.git("status", "--porcelain", "--", "hello.txt") == "?? hello.txt")
        }
    }
}
