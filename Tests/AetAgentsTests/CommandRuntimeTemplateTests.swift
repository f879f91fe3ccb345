import Testing

@testable import AetAgents

@Suite("CommandTemplate: words, quotes, placeholders as argv elements")
struct CommandRuntimeTemplateTests {
    typealias P = CommandTemplate.Placeholder

    static let values: [P: String] = [
        .promptFile: "/runs/r 1/prompt.md", .worktree: "/wt/it's \"quoted\"; rm -rf $HOME", .ticket: "T-3",
        .model: "", .stage: "test",
    ]

    @Test(
        "parsing and substitution",
        arguments: [
            ("sh -c 'swift test'", ["sh", "-c", "swift test"]),
            (
                "./agent.sh {prompt_file} {worktree} {ticket}",
                ["./agent.sh", "/runs/r 1/prompt.md", "/wt/it's \"quoted\"; rm -rf $HOME", "T-3"]
            ),
            (
                "agent --prompt={prompt_file} --stage {stage}",
                ["agent", "--prompt=/runs/r 1/prompt.md", "--stage", "test"]
            ),
            ("agent \"two words\" 'single {ticket}' a\\ b", ["agent", "two words", "single T-3", "a b"]),
            ("agent '' {model} x", ["agent", "", "", "x"]),
            ("awk '{{print}}' {{ticket}}", ["awk", "{print}", "{ticket}"]),
            ("awk '{print $1}'", ["awk", "{print $1}"]),
            ("  spaced   out\t", ["spaced", "out"]),
            ("say \"a \\\"quote\\\" and \\\\\"", ["say", "a \"quote\" and \\"]),
            ("make a~b x#y", ["make", "a~b", "x#y"]),
        ]
    )
    func parsing(template: String, expected: [String]) throws {
        let parsed = try CommandTemplate(parsing: template)
        #expect(parsed.arguments(with: Self.values) == expected)
    }

    @Test("placeholders and the literal program are known")
    func introspection() throws {
        let template = try CommandTemplate(parsing: "./agent.sh {prompt_file} --t={ticket}")
        #expect(template.placeholders == [.promptFile, .ticket])
        #expect(template.literalExecutable == "./agent.sh")
        #expect(try CommandTemplate(parsing: "{home}/bin/agent").literalExecutable == nil)
    }

    @Test(
        "refused templates say what to change",
        arguments: [
            ("", "empty"),
            ("   ", "empty"),
            ("swift build && swift test", "shell syntax"),
            ("cat {prompt_file} | agent", "shell syntax"),
            ("agent > out.txt", "shell syntax"),
            ("agent $HOME", "shell syntax"),
            ("agent \"$HOME\"", "inside double quotes"),
            ("ls *.swift", "shell syntax"),
            ("ls ~", "shell syntax"),
            ("agent 'unclosed", "unclosed"),
            ("agent \\", "backslash"),
            ("agent {promt_file}", "unknown placeholder {promt_file}"),
            ("sh -c 'cat {prompt_file}'", "interpreted by the shell"),
            ("/bin/bash -lc \"agent --ticket {ticket}\"", "interpreted by the shell"),
        ]
    )
    func refused(template: String, message: String) throws {
        let error = try #require(throws: RuntimeError.self) { try CommandTemplate(parsing: template) }
        #expect(error == .invalidCommandTemplate())
        #expect(error.description.contains(message), "\(error.description)")
    }

    @Test("a shell script with placeholders passed as positional arguments is fine")
    func shellWithPositionalArguments() throws {
        let template = try CommandTemplate(parsing: "sh -c 'cat \"$1\" | wc -c' sh {prompt_file}")
        #expect(
            template.arguments(with: Self.values) == ["sh", "-c", "cat \"$1\" | wc -c", "sh", "/runs/r 1/prompt.md"]
        )
    }
}
