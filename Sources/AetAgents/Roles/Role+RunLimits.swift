import Foundation

extension Role {
    /// The role's ``permission`` as a runtime's ``PermissionPolicy``; `editAndRunAllowlisted` carries
    /// ``allowedCommands``.
    public var permissionPolicy: PermissionPolicy {
        switch permission {
        case .readOnly: .readOnly
        case .editWorkspace: .editWorkspace
        case .editAndRunAllowlisted: .editAndRunAllowlisted(allowedCommands)
        case .fullAuto: .fullAuto
        }
    }

    /// The command prefixes of the `Bash(…)` tools, without their trailing wildcard:
    /// `swift test` for `Bash(swift test *)` or `Bash(swift test:*)`.
    public var allowedCommands: [String] {
        tools.compactMap { tool in
            guard tool.hasPrefix("Bash("), tool.hasSuffix(")") else { return nil }
            var pattern = Substring(tool.dropFirst(5).dropLast())
            for suffix in [" *", ":*", "*"] where pattern.hasSuffix(suffix) {
                pattern = pattern.dropLast(suffix.count)
                break
            }
            let command = pattern.trimmingCharacters(in: .whitespaces)
            return command.isEmpty ? nil : command
        }
    }

    /// The limits of one run of this role: its timeouts (or the defaults), turns, tokens and cost.
    /// - Parameter maxOutputBytes: The raw-log cap, which roles do not set.
    /// - Returns: The limits for ``AgentRunRequest/limits``.
    public func runLimits(maxOutputBytes: Int = RunLimits().maxOutputBytes) -> RunLimits {
        RunLimits(
            wallTimeout: effectiveTimeout,
            idleTimeout: effectiveIdleTimeout,
            maxOutputBytes: maxOutputBytes,
            maxTurns: maxTurns,
            maxTokens: maxTokens.map(Int64.init),
            maxCostMicros: maxCostUSD.map { NSDecimalNumber(decimal: $0 * 1_000_000).int64Value }
        )
    }
}
