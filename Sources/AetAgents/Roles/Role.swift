public import Foundation

/// One member of the team: a Markdown file in `.aet/agents/` whose YAML front matter says how the
/// agent runs and whose body is its instructions.
///
/// The file has the shape of a Claude Code subagent file, so one can be copied in; aet adds its
/// own keys (`runtime`, `timeout`, `permission`, …). See docs/roles.md.
///
/// ```markdown
/// ---
/// name: reviewer
/// description: Reviews the change against the ticket and the plan.
/// tools: Read, Grep, Glob
/// permission: readOnly
/// timeout: 15m
/// ---
/// You review …
/// ```
///
/// ```swift
/// let role = try Role(parsing: text, path: ".aet/agents/reviewer.md")
/// role.timeout  // .seconds(900)
/// ```
public struct Role: Sendable, Hashable {
    /// The role's name: lowercase letters, digits, `-` and `_`; the file is `<name>.md`.
    public var name: String
    /// What the role does, in one or two sentences (shown by `aet init` and in prompts).
    public var description: String
    /// Tools the agent may use, Claude Code style (`Read`, `Edit`, `Bash(swift test *)`);
    /// empty means the runtime's default set for ``permission``.
    public var tools: [String]
    /// Tools the agent must not use, same syntax as ``tools``.
    public var disallowedTools: [String]
    /// The model, as the runtime names it (`sonnet`, `gpt-5`, …); nil lets the runtime choose.
    public var model: String?
    /// How the role runs: one of ``Role/runtimes``; nil means the project's default (`claude`).
    public var runtime: RuntimeID?
    /// The wall-clock limit of one run; nil means ``Role/defaultTimeout``.
    public var timeout: Duration?
    /// How long the agent may print nothing before it is stopped; nil means ``Role/defaultIdleTimeout``.
    public var idleTimeout: Duration?
    /// The most agent turns (model round trips) in one run, 1…1000; nil means the runtime's default.
    public var maxTurns: Int?
    /// What the agent may do in its worktree.
    public var permission: Permission
    /// The most one run may cost, in US dollars; nil means no per-run limit from the role.
    public var maxCostUSD: Decimal?
    /// The most tokens (input plus output) one run may use; nil means no per-run limit from the role.
    public var maxTokens: Int?
    /// For runtime `command`: the command line, a ``CommandTemplate`` (placeholders such as
    /// `{prompt_file}`, `{worktree}`, `{ticket}`); nil runs the project's test command
    /// (see ``Role/runsProjectTestCommand``).
    public var command: String?
    /// Whether a run of this role that changes no file may still succeed (`allowNoChanges: true`). By
    /// default an `implement` run that changes nothing fails with "the developer changed nothing".
    public var allowNoChanges: Bool = false
    /// The Markdown body: what the agent is told to do and to produce.
    public var instructions: String

    /// Creates a role; ``Role/init(parsing:path:)`` reads one from a file's text instead.
    /// - Parameters:
    ///   - name: The role's name (the file's base name).
    ///   - description: What the role does.
    ///   - instructions: The Markdown body.
    ///   - tools: Allowed tools; empty for the runtime's default.
    ///   - disallowedTools: Denied tools.
    ///   - model: The model; nil for the runtime's choice.
    ///   - runtime: The runtime; nil for the project's default.
    ///   - timeout: The wall-clock limit of a run.
    ///   - idleTimeout: The limit on silence.
    ///   - maxTurns: The limit on turns.
    ///   - permission: What the agent may do.
    ///   - maxCostUSD: The per-run cost limit.
    ///   - maxTokens: The per-run token limit.
    ///   - command: The command line of runtime `command`.
    public init(
        name: String,
        description: String,
        instructions: String,
        tools: [String] = [],
        disallowedTools: [String] = [],
        model: String? = nil,
        runtime: RuntimeID? = nil,
        timeout: Duration? = nil,
        idleTimeout: Duration? = nil,
        maxTurns: Int? = nil,
        permission: Permission = .editWorkspace,
        maxCostUSD: Decimal? = nil,
        maxTokens: Int? = nil,
        command: String? = nil
    ) {
        self.name = name
        self.description = description
        self.instructions = instructions
        self.tools = tools
        self.disallowedTools = disallowedTools
        self.model = model
        self.runtime = runtime
        self.timeout = timeout
        self.idleTimeout = idleTimeout
        self.maxTurns = maxTurns
        self.permission = permission
        self.maxCostUSD = maxCostUSD
        self.maxTokens = maxTokens
        self.command = command
    }
}

extension Role {
    /// The runtimes a role may name in `runtime:`.
    public static let runtimes: [RuntimeID] = [
        .claude, .codex, .aider, .gemini, .command, .anthropic, .openai, .replay,
    ]

    /// The runtime used when neither the role, `--runtime` nor `AET_RUNTIME` names one.
    public static let defaultRuntime: RuntimeID = .claude

    /// The placeholders a `command:` line may use (those of ``CommandTemplate/Placeholder``).
    public static var commandPlaceholders: [String] { CommandTemplate.Placeholder.allCases.map(\.rawValue) }

    /// A run's wall-clock limit when the role gives none: 30 minutes.
    public static let defaultTimeout: Duration = .seconds(30 * 60)

    /// How long a run may print nothing when the role gives no `idleTimeout`: 5 minutes.
    public static let defaultIdleTimeout: Duration = .seconds(5 * 60)

    /// The longest `timeout` or `idleTimeout` a role may ask for: 24 hours.
    public static let maximumTimeout: Duration = .seconds(24 * 3600)

    /// ``runtime``, or ``defaultRuntime`` when the role names none.
    public var effectiveRuntime: RuntimeID { runtime ?? Self.defaultRuntime }

    /// ``timeout``, or ``defaultTimeout``.
    public var effectiveTimeout: Duration { timeout ?? Self.defaultTimeout }

    /// Whether the role runs the project's test command (`test_command` in `.aet/config.yaml`):
    /// runtime `command` with no `command:` of its own, like the default tester.
    public var runsProjectTestCommand: Bool { effectiveRuntime == .command && command == nil }

    /// ``idleTimeout``, or ``defaultIdleTimeout`` (never longer than ``effectiveTimeout``).
    public var effectiveIdleTimeout: Duration { min(idleTimeout ?? Self.defaultIdleTimeout, effectiveTimeout) }
}
