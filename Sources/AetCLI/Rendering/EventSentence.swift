import AetCore
import AetStore

/// One line of plain English per event, used by `aet logs`, `aet events` and `aet show`:
/// `stage implement started (attempt 2)`,
/// `run T-3.review.1 finished: failed (exit 1) in 12.3 s, 1200/340 tokens, $0.0040 — reason`,
/// `sent back from review to implement (rework 1): feedback`.
///
/// Untrusted text (descriptions, reasons, feedback) is cut to its first line and made safe for a terminal.
enum EventSentence {
    /// The sentence for a stored event; an event this aet cannot decode says so instead of failing.
    static func sentence(for recorded: RecordedEvent) -> String {
        do {
            return sentence(for: try recorded.decoded())
        } catch {
            return "(cannot show this \(Format.displayable(recorded.typeName)) event: \(error.reason))"
        }
    }

    /// The sentence for a typed event.
    static func sentence(for event: DomainEvent) -> String {
        switch event {
        case .ticketCreated(let p):
            let dependencies = p.dependencies.isEmpty ? "" : ", after \(Format.tickets(p.dependencies))"
            let base = Format.displayable(p.baseBranch)
            let settings = "\(p.mode.rawValue), priority \(p.priority), base \(base)\(dependencies)"
            return "created \(p.ticket) (\(settings)): \(line(p.description))"
        case .ticketCancelled(let p):
            return "cancelled: \(line(p.reason))"
        case .ticketRetried(let p):
            return "queued again: \(line(p.reason))"
        case .stageStarted(let p):
            return "stage \(p.stage) started (attempt \(p.attempt))"
        case .stageCompleted(let p):
            return "stage \(p.stage) completed: \(line(p.summary))"
        case .stageFailed(let p):
            return "stage \(p.stage) failed: \(line(p.reason))"
        case .stageSentBack(let p):
            return "sent back from \(p.stage) to \(p.target) (rework \(p.rework)): \(line(p.feedback))"
        case .stageSkipped(let p):
            return "stage \(p.stage) skipped: \(line(p.reason))"
        case .runStarted(let p):
            return "run \(p.run) started (\(p.runtime), attempt \(p.attempt))"
        case .runFinished(let p):
            return runFinished(p)
        case .ticketCompleted(let p):
            return "completed: \(line(p.summary))"
        case .ticketFailed(let p):
            return "failed\(p.stage.map { " at stage \($0)" } ?? ""): \(line(p.reason))"
        case .ticketDeadLettered(let p):
            let stage = p.stage.map { " at stage \($0)" } ?? ""
            return "moved to the dead-letter queue\(stage) after \(p.attempts) attempts: \(line(p.reason))"
        case .deadLetterRetried(let p):
            return "taken out of the dead-letter queue and queued again: \(line(p.reason))"
        case .deadLetterRemoved(let p):
            return "removed from the dead-letter queue, stays failed: \(line(p.reason))"
        case .securityViolation(let p):
            let run = p.run.map { " by run \($0)" } ?? ""
            let attempt = "refused \(line(p.operation, limit: 40)) on '\(line(p.subject, limit: 60))'"
            return "security violation\(run): \(attempt): \(line(p.reason))"
        case .ticketModeSet(let p):
            return "mode set to \(p.mode.rawValue): \(line(p.reason))"
        case .ticketBudgetSet(let p):
            return "budget: \(Format.budget(p.budget))"
        case .integrationWaiting(let p):
            return "waiting to merge: \(line(p.reason))"
        }
    }

    private static func runFinished(_ p: RunFinished) -> String {
        var text = "run \(p.run) finished: \(Format.name(p.status))"
        if let exitCode = p.exitCode { text += " (exit \(exitCode))" }
        text += " in \(Format.duration(milliseconds: p.durationMilliseconds))"
        text += ", \(Format.tokens(in: p.tokensIn, out: p.tokensOut)) tokens"
        text += p.costMicros.map { ", \(Format.cost(micros: $0))" } ?? ", cost unknown"
        if let turns = p.turns { text += ", \(turns) turn\(turns == 1 ? "" : "s")" }
        if let reason = p.reason, !reason.isEmpty { text += " — \(line(reason))" }
        return text
    }

    private static func line(_ text: String, limit: Int = 160) -> String { Format.firstLine(text, limit: limit) }
}
