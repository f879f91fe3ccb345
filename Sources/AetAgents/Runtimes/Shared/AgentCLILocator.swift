import Foundation

/// Finds agent CLIs installed from Python wheels, which put their binaries inside `site-packages`
/// rather than on `PATH`: Claude Code in `claude-agent-sdk` (`claude_agent_sdk/_bundled/claude`) and
/// Codex in `openai-codex-cli-bin` (`codex_cli_bin/bin/codex`). For tests and `aet doctor`; runtimes
/// themselves use their configured executable or `PATH`.
///
/// ```swift
/// let directories = AgentCLILocator.pythonPackageDirectories(home: env["HOME"], virtualEnvironment: env["VIRTUAL_ENV"])
/// let claude = AgentCLILocator.claudeAgentSDKBinary(in: directories)
/// ```
public enum AgentCLILocator {
    /// Where pip installs packages: pyenv versions, the user site, `/usr/local` and Debian's
    /// `dist-packages`, and an active virtual environment; only existing directories, in that order.
    /// - Parameters:
    ///   - home: The user's home directory.
    ///   - virtualEnvironment: `VIRTUAL_ENV`, when set.
    ///   - includeSystem: Whether to look in `/usr/local/lib` and `/usr/lib` too (yes by default).
    /// - Returns: Existing `site-packages`/`dist-packages` directories.
    public static func pythonPackageDirectories(
        home: String?,
        virtualEnvironment: String? = nil,
        includeSystem: Bool = true
    ) -> [String] {
        var roots: [String] = []
        if let virtualEnvironment { roots.append(virtualEnvironment + "/lib") }
        if let home {
            let pyenv = home + "/.pyenv/versions"
            for version in children(of: pyenv).reversed() { roots.append(pyenv + "/" + version + "/lib") }
            roots.append(home + "/.local/lib")
        }
        if includeSystem { roots += ["/usr/local/lib", "/usr/lib"] }
        var found: [String] = []
        for root in roots {
            for python in children(of: root) where python.hasPrefix("python3") {
                for leaf in ["site-packages", "dist-packages"] {
                    let path = root + "/" + python + "/" + leaf
                    if isDirectory(path) { found.append(path) }
                }
            }
        }
        return found
    }

    /// The Claude Code binary bundled in the `claude-agent-sdk` wheel.
    /// - Parameter directories: `site-packages` directories to search.
    /// - Returns: The first executable `claude_agent_sdk/_bundled/claude`, or `nil`.
    public static func claudeAgentSDKBinary(in directories: [String]) -> String? {
        firstExecutable("claude_agent_sdk/_bundled/claude", in: directories)
    }

    /// The Codex binary of the `openai-codex-cli-bin` wheel.
    /// - Parameter directories: `site-packages` directories to search.
    /// - Returns: The first executable `codex_cli_bin/bin/codex`, or `nil`.
    public static func codexCLIBinary(in directories: [String]) -> String? {
        firstExecutable("codex_cli_bin/bin/codex", in: directories)
    }

    private static func firstExecutable(_ relative: String, in directories: [String]) -> String? {
        directories.lazy.map { $0 + "/" + relative }.first(where: ExecutableLocator.isExecutableFile)
    }

    private static func children(of directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()  // nil: no such directory
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
