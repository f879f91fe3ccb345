import AetAgents
import Foundation

/// The real agent CLIs installed on this machine, for the end-to-end suites: looked up on `PATH`
/// and in pip's `site-packages` (Claude Code ships inside `claude-agent-sdk`, Codex inside
/// `openai-codex-cli-bin`). A test that needs a missing one is disabled with `.enabled(if:)` and
/// prints `skipped: …`, so a skip never looks like a pass.
enum InstalledAgentCLIs {
    private static let environment = ProcessInfo.processInfo.environment
    private static let packageDirectories = AgentCLILocator.pythonPackageDirectories(
        home: environment["HOME"],
        virtualEnvironment: environment["VIRTUAL_ENV"]
    )
    private static let searchPath = (environment["PATH"] ?? "") + ":" + (environment["HOME"] ?? "/root") + "/.local/bin"

    /// Claude Code: `claude` on PATH, else the `claude-agent-sdk` bundled binary.
    static let claude: String? =
        ExecutableLocator.locate("claude", searchPath: searchPath, workingDirectory: "/")
        ?? AgentCLILocator.claudeAgentSDKBinary(in: packageDirectories)

    /// Codex: `codex` on PATH, else the `openai-codex-cli-bin` binary.
    static let codex: String? =
        ExecutableLocator.locate("codex", searchPath: searchPath, workingDirectory: "/")
        ?? AgentCLILocator.codexCLIBinary(in: packageDirectories)

    /// aider: the `aider` script next to a site-packages' Python (pyenv), else `aider` on PATH.
    static let aider: String? = {
        for directory in packageDirectories {
            // <prefix>/lib/python3.X/site-packages → <prefix>/bin/aider
            let prefix = URL(fileURLWithPath: directory).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            let candidate = prefix + "/bin/aider"
            if ExecutableLocator.isExecutableFile(candidate) { return candidate }
        }
        return ExecutableLocator.locate("aider", searchPath: searchPath, workingDirectory: "/")
    }()

    /// Gemini CLI (npm only; not installable here).
    static let gemini: String? = ExecutableLocator.locate("gemini", searchPath: searchPath, workingDirectory: "/")

    /// Prints the visible skip line when a CLI is missing and returns whether it is present.
    static func present(_ path: String?, _ name: String) -> Bool {
        if path == nil { print("skipped: \(name) is not installed (not on PATH, not in pip site-packages)") }
        return path != nil
    }
}
