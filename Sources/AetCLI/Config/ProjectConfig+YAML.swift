import AetCore
import Logging

extension ProjectConfig {
    /// The config as YAML, with a comment explaining each key.
    static func dollars(_ micros: Int64) -> String {
        let whole = micros / 1_000_000
        let fraction = micros % 1_000_000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    private var copyLines: String {
        guard !worktreeCopy.isEmpty else { return "  copy: []" }
        let items: [String] = worktreeCopy.map { "    - " + Self.scalar($0) }
        return "  copy:\n" + items.joined(separator: "\n")
    }

    func yamlText() -> String {
        var lines: [String] = [
            "# aet project configuration. Every aet command reads and checks it; commit it with your code.",
            "# Runtime files (the store, logs, worktrees) are ignored through .aet/.gitignore.",
            "",
            "project:",
            "  # The branch tickets start from and are merged into (aet create --base overrides it per ticket).",
            "  base_branch: \(Self.scalar(baseBranch))",
            "",
            "pipeline:",
            "  # How many times gates may send a ticket back before it fails into the dead-letter queue (0 to 100).",
            "  max_reworks: \(pipeline.maxReworks)",
            "  # The stages of a full-mode ticket, in order.",
            "  # name: unique; lowercase letters, digits, '-' or '_'.",
            "  # role: the agent that runs the stage (a file in .aet/agents/).",
            "  # sends_back_to (gates only): the earlier stage that a failing verdict sends the ticket back to,",
            "  # with feedback.",
            "  stages:",
        ]
        for stage in pipeline.stages {
            lines.append("    - name: \(Self.scalar(stage.name.rawValue))")
            lines.append("      role: \(Self.scalar(stage.role))")
            if let target = stage.sendsBackTo { lines.append("      sends_back_to: \(Self.scalar(target.rawValue))") }
        }
        lines += [
            "",
            "# The project's test command, run by the test gate in each ticket's worktree (sh -c). Without one,",
            "# the test stage is recorded as skipped with that reason, never as a pass.",
            testCommand.map { "test_command: \(Self.scalar($0))" } ?? "# test_command: swift test",
            "",
            "agents:",
            "  # The runtime of roles whose file names none: claude, codex, aider, gemini, command, anthropic, openai",
            "  # or replay. --runtime and AET_RUNTIME override it for a command.",
            defaultRuntime.map { "  runtime: \(Self.scalar($0))" } ?? "  # runtime: claude",
            "  # How many stage runs go at once (one per ticket).",
            "  concurrency: \(concurrency)",
            "  # Failed runs of one stage in a row before the ticket moves to the dead-letter queue.",
            "  max_run_attempts: \(maxRunAttempts)",
            "  # The first pause before a retry, in seconds; doubled for each further retry, at most 120.",
            "  retry_backoff_seconds: \(retryBackoffSeconds)",
            "  # How many run directories .aet/runs/ keeps (prompts, raw output, transcripts); older ones are removed.",
            "  keep_runs: \(keepRuns)",
            "",
            "workspace:",
            "  # A shell command run once in each new worktree, e.g. npm ci; its failure fails the stage.",
            worktreeSetup.map { "  setup: \(Self.scalar($0))" } ?? "  # setup: npm ci",
            "  # Untracked files copied from your checkout into each new worktree (never committed).",
            copyLines,
            "",
            "# The budget of each new ticket: what all its runs together may spend (aet create --budget overrides it).",
            "# A run that would overspend is stopped with that reason; a spent ticket goes to the dead-letter queue.",
            "budget:",
            ticketBudget.maxTokens.map { "  max_tokens: \($0)" } ?? "  # max_tokens: 2000000",
            ticketBudget.maxCostMicros.map { "  max_cost_usd: \(Self.dollars($0))" } ?? "  # max_cost_usd: 10",
            ticketBudget.maxWallSeconds.map { "  max_minutes: \($0 / 60)" } ?? "  # max_minutes: 240",
            ticketBudget.maxTurns.map { "  max_turns: \($0)" } ?? "  # max_turns: 400",
            "",
            "# Per-runtime settings (API keys come from the environment, never from this file), e.g.",
            "#   claude: {executable: /opt/claude/bin/claude, model: sonnet}",
            "#   openai: {base_url: http://127.0.0.1:11434/v1, model: qwen2.5-coder}",
            "#   anthropic: {model: claude-sonnet-4-5, streaming: \"true\"}",
            "#   replay: {recording: recordings/session.jsonl}",
        ]
        if runtimes.isEmpty {
            lines.append("runtimes: {}")
        } else {
            lines.append("runtimes:")
            for (name, settings) in runtimes.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(name):")
                for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
                    lines.append("    \(key): \(Self.scalar(value))")
                }
            }
        }
        lines += [
            "",
            "# The lowest level written to .aet/logs/aet.log (JSON lines): trace, debug, info, notice, warning,",
            "# error or critical. The terminal shows warnings and worse, unless --log-level or AET_LOG_LEVEL",
            "# says otherwise.",
            "log_level: \(logLevel.rawValue)",
            "",
            "# The event store (an SQLite file), relative to .aet/ or absolute. --store and AET_STORE override it.",
            "store: \(Self.scalar(store))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML scalar: plain when it is unambiguous, else double-quoted with JSON escapes.
    static func scalar(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || "-_./".unicodeScalars.contains(scalar)
            }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]
        if plain, !reserved.contains(text.lowercased()), Int(text) == nil, Double(text) == nil, !text.hasPrefix("-") {
            return text
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}
