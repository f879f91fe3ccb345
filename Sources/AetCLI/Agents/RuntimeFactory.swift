import AetAgents
import AetCore
import AetScheduler
import Foundation

/// Makes the runtime for each role from the project's config, the command line and the environment
/// (docs/roles.md, "Precedence"): `--runtime` > `AET_RUNTIME` > the role file's `runtime:` >
/// `agents.runtime` > `claude`. The tester without a `command:` runs the project's test command,
/// and a role with `runtime: command` runs its `command:`, whatever the override.
struct RuntimeFactory: RuntimeProvider {
    var config: ProjectConfig
    /// aet's own environment: runtimes take the variables they need from it (API keys, base URLs).
    var hostEnvironment: [String: String]
    /// `--runtime` or `AET_RUNTIME`.
    var override: RuntimeID?
    /// Where relative paths in `runtimes:` (a replay recording) are resolved: the repository root.
    var root: String

    /// The runtime a role runs with.
    func runtimeID(for role: Role) -> RuntimeID {
        if role.effectiveRuntime == .command && role.runtime != nil { return .command }
        if let override { return override }
        if let runtime = role.runtime { return runtime }
        return config.defaultRuntime.map(RuntimeID.init(rawValue:)) ?? .claude
    }

    func runtime(for role: Role, stage: Pipeline.Stage, testCommand: String?) throws -> any AgentRuntime {
        let id = runtimeID(for: role)
        let settings = config.runtimes[id.rawValue] ?? [:]
        switch id {
        case .command:
            let configuration = CommandRuntime.Configuration(hostEnvironment: hostEnvironment)
            if let command = role.command { return try CommandRuntime(template: command, configuration: configuration) }
            guard let testCommand else {
                throw CommandFailure(
                    "the role \(role.name) runs the project's test command, and there is none: set test_command in .aet/config.yaml."
                )
            }
            return try ShellCommand.testRuntime(testCommand, configuration: configuration)
        case .claude:
            return ClaudeRuntime(configuration: cliConfiguration(settings, locate: Self.locateClaude))
        case .codex:
            return CodexRuntime(configuration: cliConfiguration(settings, locate: Self.locateCodex))
        case .aider:
            // aider picks the `whole` edit format for models it does not know; `diff` edits are smaller.
            var configuration = cliConfiguration(settings, locate: { _ in nil })
            configuration.extraArguments = ["--edit-format", "diff"]
            return AiderRuntime(configuration: configuration)
        case .gemini:
            return GeminiRuntime(configuration: cliConfiguration(settings, locate: { _ in nil }))
        case .anthropic, .openai:
            let provider: NativeProvider = id == .openai ? .openai : .anthropic
            var client = ModelClientConfiguration()
            if let streaming = settings["streaming"] { client.streaming = streaming.lowercased() != "false" }
            return NativeAgentRuntime(
                provider: provider,
                configuration: .init(
                    hostEnvironment: hostEnvironment, baseURL: settings["base_url"],
                    defaultModel: settings["model"], client: client))
        case .replay:
            guard let recording = settings["recording"] ?? hostEnvironment["AET_REPLAY_RECORDING"] else {
                throw CommandFailure(
                    "the replay runtime needs a recording: set runtimes.replay.recording in .aet/config.yaml (a transcript.jsonl, or a directory of <stage>.jsonl files)."
                )
            }
            let path = Paths.resolve(recording, against: root)
            let source: ReplayRuntime.Recording = Paths.isDirectory(path) ? .perStage(directory: path) : .file(path)
            return ReplayRuntime(configuration: .init(recording: source, hostEnvironment: hostEnvironment))
        default:
            throw CommandFailure(
                "the role \(role.name) names the runtime '\(id)', which aet does not know: use \(RuntimeNames.all.joined(separator: ", "))."
            )
        }
    }

    /// Every runtime the doctor reports on, made for a plain agent role.
    func allRuntimes() -> [(RuntimeID, Result<any AgentRuntime, any Error>)] {
        let ids: [RuntimeID] = [.claude, .codex, .aider, .gemini, .anthropic, .openai, .replay]
        return ids.map { id in
            var factory = self
            factory.override = id
            let role = Role(name: "developer", description: "probe", instructions: "")
            return (
                id,
                Result {
                    try factory.runtime(
                        for: role, stage: Pipeline.Stage(name: .implement, role: "developer"), testCommand: nil)
                }
            )
        }
    }

    private func cliConfiguration(_ settings: [String: String], locate: ([String: String]) -> String?)
        -> CLIRuntimeConfiguration
    {
        CLIRuntimeConfiguration(
            hostEnvironment: hostEnvironment, executable: settings["executable"] ?? locate(hostEnvironment))
    }

    /// `claude` on PATH, else the binary bundled in a pip-installed `claude-agent-sdk`.
    static func locateClaude(_ environment: [String: String]) -> String? {
        if ExecutableLocator.locate("claude", searchPath: environment["PATH"] ?? "", workingDirectory: "/") != nil {
            return nil
        }
        return ClaudeRuntime.bundledExecutable(
            home: environment["HOME"], virtualEnvironment: environment["VIRTUAL_ENV"])
    }

    /// `codex` on PATH, else the binary of a pip-installed `openai-codex-cli-bin`.
    static func locateCodex(_ environment: [String: String]) -> String? {
        if ExecutableLocator.locate("codex", searchPath: environment["PATH"] ?? "", workingDirectory: "/") != nil {
            return nil
        }
        return CodexRuntime.bundledExecutable(home: environment["HOME"], virtualEnvironment: environment["VIRTUAL_ENV"])
    }
}
