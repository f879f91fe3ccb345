import AetCore
import Logging

extension ProjectConfig {
    /// The config as YAML, with a comment explaining each key.
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
