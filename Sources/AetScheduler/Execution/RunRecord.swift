import AetAgents
import AetCore
import Foundation

/// The audit record of one run, written as `run.json` in its run directory next to the prompt, the
/// raw output logs and the agent's transcript: what the events hold, plus the command line (secrets
/// redacted), turns, the final message, the files changed and where the artifacts are.
struct RunRecord: Encodable {
    var run: String
    var ticket: String
    var stage: String
    var role: String
    var runtime: String
    var status: String
    var reason: String?
    var commandLine: String?
    var exitCode: Int32?
    var signal: Int32?
    var durationMilliseconds: Int64
    var turns: Int?
    var tokensIn: Int64
    var tokensOut: Int64
    var cacheReadTokens: Int64
    var cacheWriteTokens: Int64
    var costMicros: Int64?
    var costSource: String
    var finalMessage: String
    var changedFiles: [String]
    var warnings: [String]
    var artifacts: [String: String]

    init(attempt: RunAttempt, ticket: TicketID, runtime: String, outcome: AgentOutcome) {
        run = attempt.run.rawValue
        self.ticket = ticket.description
        stage = attempt.stage.name.rawValue
        role = attempt.role.name
        self.runtime = runtime
        status = outcome.status.runStatus.rawValue
        reason = outcome.status.reason
        commandLine = outcome.commandLine
        switch outcome.exitStatus {
        case .exited(let code)?: exitCode = code
        case .signaled(let number)?: signal = number
        case nil: break
        }
        let parts = outcome.duration.components
        durationMilliseconds = parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
        turns = outcome.turns
        tokensIn = outcome.usage.input
        tokensOut = outcome.usage.output
        cacheReadTokens = outcome.usage.cacheRead
        cacheWriteTokens = outcome.usage.cacheWrite
        costMicros = outcome.cost.micros
        costSource = "\(outcome.cost.source)"
        finalMessage = String(outcome.finalText.prefix(64 * 1024))
        changedFiles = attempt.changedFiles
        warnings = outcome.warnings
        var artifacts: [String: String] = [:]
        artifacts["stdout"] = outcome.artifacts.standardOutputLog
        artifacts["stderr"] = outcome.artifacts.standardErrorLog
        artifacts["prompt"] = outcome.artifacts.promptFile
        artifacts["transcript"] = outcome.artifacts.transcript
        self.artifacts = artifacts
    }

    /// Writes `run.json` into `directory`; failures are returned for the log, never fatal.
    func write(to directory: String) -> (any Error)? {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try encoder.encode(self).write(to: URL(fileURLWithPath: directory + "/run.json"))
            return nil
        } catch {
            return error
        }
    }
}
