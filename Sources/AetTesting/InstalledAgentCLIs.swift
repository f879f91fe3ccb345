import AetAgents
import Foundation

/// The real agent CLIs for the end-to-end suites, in this order: the project's own virtual
/// environment `.build/agents-venv` (the pinned versions of `scripts/agent-clis.txt`, installed by
/// `scripts/install-agent-clis`), then `PATH`, then pip's `site-packages` (Claude Code ships inside
/// `claude-agent-sdk`, Codex inside `openai-codex-cli-bin`).
///
/// A test that needs a missing CLI is disabled with `.enabled(if:)` and prints `skipped: …`, so a
/// skip never looks like a pass — unless `AET_REQUIRE_AGENT_CLIS=1` (set by `scripts/test` once it
/// has installed them): then the test runs and fails, saying which CLI is missing.
///
/// ```swift
/// @Suite(.enabled(if: InstalledAgentCLIs.present(InstalledAgentCLIs.codex, "Codex")))
/// struct CodexRealCLITests { … InstalledAgentCLIs.codex! … }
/// ```
public enum InstalledAgentCLIs {
    private static let environment = ProcessInfo.processInfo.environment

    /// The project's virtual environment of pinned agent CLIs: `<package root>/.build/agents-venv`.
    public static let projectVirtualEnvironment = PackageRoot.path + "/.build/agents-venv"

    private static let projectPackageDirectories = AgentCLILocator.pythonPackageDirectories(
        home: nil, virtualEnvironment: projectVirtualEnvironment, includeSystem: false)
    private static let packageDirectories = AgentCLILocator.pythonPackageDirectories(
        home: environment["HOME"], virtualEnvironment: environment["VIRTUAL_ENV"])
    private static let searchPath =
        (environment["PATH"] ?? "") + ":" + (environment["HOME"] ?? "/root") + "/.local/bin"

    /// Whether a missing CLI fails its tests instead of skipping them (`AET_REQUIRE_AGENT_CLIS=1`).
    public static let required = environment["AET_REQUIRE_AGENT_CLIS"] == "1"

    /// Claude Code: the project's pinned one, else `claude` on PATH, else a `claude-agent-sdk` bundle.
    public static let claude: String? =
        AgentCLILocator.claudeAgentSDKBinary(in: projectPackageDirectories)
        ?? ExecutableLocator.locate("claude", searchPath: searchPath, workingDirectory: "/")
        ?? AgentCLILocator.claudeAgentSDKBinary(in: packageDirectories)

    /// Codex: the project's pinned one, else `codex` on PATH, else an `openai-codex-cli-bin` binary.
    public static let codex: String? =
        AgentCLILocator.codexCLIBinary(in: projectPackageDirectories)
        ?? ExecutableLocator.locate("codex", searchPath: searchPath, workingDirectory: "/")
        ?? AgentCLILocator.codexCLIBinary(in: packageDirectories)

    /// aider: the project's pinned one, else the `aider` script next to a site-packages' Python
    /// (pyenv), else `aider` on PATH.
    public static let aider: String? = {
        let pinned = projectVirtualEnvironment + "/bin/aider"
        if ExecutableLocator.isExecutableFile(pinned) { return pinned }
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
    public static let gemini: String? = ExecutableLocator.locate(
        "gemini", searchPath: searchPath, workingDirectory: "/")

    /// Whether a suite that needs the CLI at `path` runs: yes when it is installed, or when CLIs are
    /// required (the suite then fails on the missing CLI); otherwise prints the visible skip line.
    /// - Parameters:
    ///   - path: The CLI's path, `nil` when missing.
    ///   - name: Its name, for the skip line.
    ///   - optional: A CLI that cannot be installed here (Gemini): never required.
    /// - Returns: Whether the suite runs.
    public static func present(_ path: String?, _ name: String, optional: Bool = false) -> Bool {
        if path != nil { return true }
        if required && !optional {
            print(
                "missing: \(name) is required (AET_REQUIRE_AGENT_CLIS=1) but not installed in \(projectVirtualEnvironment)"
            )
            return true
        }
        print("skipped: \(name) is not installed (not in .build/agents-venv, not on PATH, not in pip site-packages)")
        return false
    }

    /// The CLI's path, or an error naming it (for suites that run because CLIs are required).
    /// - Parameters:
    ///   - path: The CLI's path, `nil` when missing.
    ///   - name: Its name.
    /// - Returns: The path.
    /// - Throws: ``MissingAgentCLI`` when it is missing.
    public static func require(_ path: String?, _ name: String) throws -> String {
        guard let path else { throw MissingAgentCLI(name: name) }
        return path
    }
}

/// A real agent CLI a test needs is not installed (run `scripts/install-agent-clis`).
public struct MissingAgentCLI: Error, CustomStringConvertible {
    /// The CLI's name.
    public var name: String
    public var description: String {
        "\(name) is not installed: run scripts/install-agent-clis (it installs the pinned CLIs into .build/agents-venv)."
    }
}
