extension ClaudeRuntime {
    /// How a Claude Code run ended: aet's stops first, then Claude Code's result line and exit code.
    ///
    /// Success needs exit 0, `subtype == "success"` and `is_error == false`. `error_max_turns` is
    /// ``AgentRunStatus/maxTurns``; `error_max_budget_usd` and aet's own budget stop are
    /// ``AgentRunStatus/budgetExceeded(_:)``; any other result is a failure naming Claude Code's
    /// error (API status and message, errors, permission denials); an exit without a result line
    /// is ``AgentRunStatus/crashed(exitCode:signal:)``.
    /// - Parameter run: The finished run (Claude Code's result line, if it printed one, is in its decoder).
    /// - Returns: The status.
    static func status(of run: CLIFinishedRun<ClaudeOutput>) -> AgentRunStatus {
        if let status = run.stopStatus { return status }
        guard let result = run.output.decoder.result else {
            switch run.process.exit {
            case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
            case .exited(let code): return .crashed(exitCode: code, signal: nil)
            }
        }
        if result.subtype == "error_max_turns" || result.terminalReason == "max_turns" { return .maxTurns }
        if result.subtype == "error_max_budget_usd" {
            return .budgetExceeded("Claude Code's own cost limit (--max-budget-usd) was reached")
        }
        if !result.isSuccess, isAuthenticationFailure(result) {
            let said = String((result.result ?? result.errors.first ?? "").prefix(200))
            let what =
                result.apiErrorStatus == 401
                ? "the API refused Claude Code's credentials (HTTP 401)" : "Claude Code is not logged in"
            return .notAuthenticated(
                reason: "\(what)\(said.isEmpty ? "" : " (it said: \(said))"): set ANTHROPIC_API_KEY, or run claude "
                    + "setup-token and set CLAUDE_CODE_OAUTH_TOKEN to the token it prints, or log in with claude"
            )
        }
        guard result.isSuccess else { return .failed(reason: failureReason(result)) }
        switch run.process.exit {
        case .signaled(let signal): return .crashed(exitCode: nil, signal: signal)
        case .exited(let code) where code != 0:
            return .failed(reason: "Claude Code reported success but exited with code \(code)")
        case .exited: return run.successStatus
        }
    }

    /// Whether Claude Code's result says it has no usable credentials: "Not logged in · Please run
    /// /login", "Invalid API key", an `authentication_failed` error, or an HTTP 401 from the API.
    static func isAuthenticationFailure(_ result: ClaudeResult) -> Bool {
        if result.apiErrorStatus == 401 { return true }
        let text = ([result.result ?? ""] + result.errors).joined(separator: " ").lowercased()
        return ["not logged in", "please run /login", "invalid api key", "authentication_failed"]
            .contains { text.contains($0) }
    }

    /// A sentence saying why Claude Code's result is not a success.
    static func failureReason(_ result: ClaudeResult) -> String {
        let detail = (result.errors.isEmpty ? [result.result ?? ""] : result.errors)
            .filter { !$0.isEmpty }.joined(separator: "; ")
        var reason: String
        if let status = result.apiErrorStatus {
            reason = "Claude Code reported an API error (HTTP \(status))"
        } else if result.terminalReason == "api_error" {
            reason = "Claude Code reported an API error"
        } else {
            reason = "Claude Code reported \(result.subtype)\(result.isError ? " with is_error" : "")"
            if let terminal = result.terminalReason { reason += " (\(terminal))" }
        }
        if !detail.isEmpty { reason += ": " + String(detail.prefix(400)) }
        if !result.permissionDenials.isEmpty {
            reason += "; permission denied for " + Array(Set(result.permissionDenials)).sorted().joined(separator: ", ")
        }
        return reason
    }
}
