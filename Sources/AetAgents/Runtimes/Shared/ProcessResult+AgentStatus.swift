extension ProcessResult {
    /// The status decided by the supervisor itself: a timeout or a cancellation; `nil` when the
    /// process ended on its own or a callback asked to stop it (the runtime knows why).
    var supervisorStatus: AgentRunStatus? {
        switch stopReason {
        case .wallTimeout: .timedOut(.wall)
        case .idleTimeout: .timedOut(.idle)
        case .cancelled: .cancelled
        case .requested, nil: nil
        }
    }

    /// Problems worth reporting that did not decide the status: dropped output, cut lines,
    /// processes left behind, wrappers not applied.
    /// - Parameter maxOutputBytes: The raw-log cap, for the message.
    /// - Returns: One sentence per problem.
    func outcomeWarnings(maxOutputBytes: Int) -> [String] {
        var warnings = self.warnings
        if output.droppedBytes > 0 {
            warnings.append(
                "output beyond the \(maxOutputBytes)-byte log cap was dropped (\(output.droppedBytes) bytes)"
            )
        }
        if output.truncatedLines > 0 {
            warnings.append("\(output.truncatedLines) over-long output line(s) were cut")
        }
        if cleanup.leftoverProcesses > 0 {
            warnings.append(
                "\(cleanup.leftoverProcesses) process(es) the command left running were stopped with its group"
            )
        }
        return warnings
    }
}
