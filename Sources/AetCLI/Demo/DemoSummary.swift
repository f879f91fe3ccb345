import AetCore
import AetStore
import AetWorkspace
import Foundation

/// What `aet demo` prints at the end: each ticket's outcome, its stages, tokens and cost, the history
/// of `main`, and where to look next.
struct DemoSummary: Encodable {
    struct TicketLine: Encodable {
        var id: TicketID
        var status: TicketStatus
        var stages: [String]
        var runs: Int
        var reworks: Int
        var tokensIn: Int64
        var tokensOut: Int64
        var costMicros: Int64
        var events: Int
        var securityViolations: Int
    }

    var repository: String
    var tickets: [TicketLine]
    var history: [String]
    var diffStat: String
    var interrupted: Bool

    var succeeded: Bool { !interrupted && tickets.allSatisfy { $0.status == .completed } }

    static func make(store: SQLiteEventStore, tickets: [TicketID], root: String, git: Git, interrupted: Bool)
        async throws -> DemoSummary
    {
        var lines: [TicketLine] = []
        for id in tickets {
            guard let state = try await store.ticket(id) else { continue }
            let events = try await store.readStream(.ticket(id)).count
            lines.append(
                TicketLine(
                    id: id, status: state.status, stages: state.stages.map { "\($0.name) \(Format.name($0.status))" },
                    runs: state.runs.count,
                    reworks: state.reworks, tokensIn: state.tokensIn, tokensOut: state.tokensOut,
                    costMicros: state.costMicros, events: events,
                    securityViolations: state.securityViolations))
        }
        let history = try await git.run(["log", "--format=%h %s", "main"], in: root).standardOutput.split(
            separator: "\n"
        ).map(String.init)
        let first = try await git.run(["rev-list", "--max-parents=0", "main"], in: root).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let stat = try await git.run(["diff", "--stat", first, "main", "--", ".", ":(exclude).aet"], in: root)
            .standardOutput
        return DemoSummary(repository: root, tickets: lines, history: history, diffStat: stat, interrupted: interrupted)
    }

    /// The summary for people; `aet` is how to call aet again (see ``CLIEnvironment/invocation``).
    func lines(aet: String) -> [String] {
        var lines = ["result:"]
        for ticket in tickets {
            lines.append("  \(ticket.id) \(Format.name(ticket.status)): \(ticket.stages.joined(separator: ", "))")
            var detail =
                "    \(ticket.runs) run\(ticket.runs == 1 ? "" : "s"), \(ticket.reworks) rework\(ticket.reworks == 1 ? "" : "s"), \(ticket.events) events, "
            detail +=
                "tokens \(ticket.tokensIn) in / \(ticket.tokensOut) out, cost \(Format.cost(micros: ticket.costMicros)) (recorded model, list prices)"
            lines.append(detail)
            if ticket.securityViolations > 0 {
                lines.append(
                    "    \(ticket.securityViolations) tool call refused by the path guard (see aet logs \(ticket.id))")
            }
        }
        lines.append("")
        lines.append("main now:")
        lines += history.map { "  \($0)" }
        lines.append("")
        lines.append("changed since the first commit:")
        lines += diffStat.split(separator: "\n").map { "  \($0)" }
        lines.append("")
        lines.append("look around:")
        if aet == "aet" {
            lines.append("  cd \(repository)")
            lines.append("  aet status; aet show T-1; aet logs T-1; aet events; aet verify-state")
        } else {
            // aet is not on PATH (e.g. after swift run): call this binary by its path, from the repository.
            let binary = aet
            lines.append("  cd \(repository)")
            lines.append("  \(binary) status; \(binary) show T-1; \(binary) logs T-1")
            lines.append(
                "  (aet is not on your PATH: put \((binary as NSString).deletingLastPathComponent) on it, or use swift run aet … from the package)"
            )
        }
        lines.append("  sh greet.sh --shout Ada")
        return lines
    }
}
