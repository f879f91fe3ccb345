import AetCore
import AetStore
import Foundation

/// A ticket for people: its fields, stages and runs (used by `aet show` and `aet dlq details`).
struct TicketDetails {
    let ticket: TicketState
    let now: Date
    let timeZone: TimeZone
    let palette: Palette

    init(_ ticket: TicketState, environment: CLIEnvironment) {
        self.ticket = ticket
        self.now = environment.now()
        self.timeZone = environment.timeZone
        self.palette = Palette(sink: environment.standardOutput, variables: environment.variables)
    }

    /// The heading and the fields, one per line.
    func fields() -> [String] {
        var table = Table(columns: [.init("FIELD"), .init("VALUE")], showsHeader: false)
        table.append(["status", Format.name(ticket.status)])
        table.append(["mode", ticket.mode.rawValue])
        table.append(["priority", String(ticket.priority)])
        table.append(["base branch", Format.displayable(ticket.baseBranch)])
        table.append(["stage", ticket.currentStage?.rawValue ?? "-"])
        table.append(["attempt", String(ticket.attempt)])
        table.append(["reworks", String(ticket.reworks)])
        table.append(["depends on", Format.tickets(ticket.dependencies)])
        table.append(["created", "\(time(ticket.createdAt)) (\(Format.age(of: ticket.createdAt, now: now)) ago)"])
        table.append(["updated", "\(time(ticket.updatedAt)) (\(Format.age(of: ticket.updatedAt, now: now)) ago)"])
        table.append(["tokens", "\(ticket.tokensIn) in / \(ticket.tokensOut) out"])
        table.append(["cost", Format.cost(micros: ticket.costMicros, unknownRuns: ticket.runsWithUnknownCost)])
        if let error = ticket.lastError { table.append(["last error", Format.firstLine(error, limit: 200)]) }
        if let waiting = Self.waitingNote(ticket) {
            table.append([
                "waiting",
                Format.firstLine(
                    waiting + " (it lands by itself once that is resolved; aet merge \(ticket.id) tries now)",
                    limit: 300),
            ])
        }
        if ticket.securityViolations > 0 {
            table.append(["security", "\(ticket.securityViolations) violations refused"])
        }
        if let entry = ticket.deadLetter { table.append(["dead letter", deadLetter(entry)]) }
        return ["\(ticket.id)  \(Format.firstLine(ticket.description, limit: 100))"]
            + table.render(
                maxWidth: 100,
                style: { column, text in
                    guard column == 1, text == Format.name(ticket.status) else { return text }
                    return palette.status(text, ticket.status)
                }
            ).map { "  " + $0 }
    }

    /// Why a ticket that waits to merge waits (`waiting to merge: your uncommitted changes … touch a.txt`).
    static func waitingNote(_ ticket: TicketState) -> String? {
        guard ticket.status == .waitingToMerge else { return nil }
        return ticket.stages.last { $0.status == .waiting }?.note ?? "waiting to merge"
    }

    /// The full description, indented.
    func description() -> [String] {
        Format.displayable(ticket.description, keepingNewlines: true).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        .map { "  " + $0 }
    }

    /// The stages table, or a sentence when none has started.
    func stages() -> [String] {
        guard !ticket.stages.isEmpty else { return ["no stage has started yet."] }
        var table = Table(columns: [
            .init("STAGE"), .init("STATUS"), .init("ATTEMPTS", alignment: .right), .init("UPDATED"), .init("NOTE"),
        ])
        for stage in ticket.stages {
            table.append([
                stage.name.rawValue, Format.name(stage.status), String(stage.attempts), time(stage.updatedAt),
                stage.note.map { Format.firstLine($0) } ?? "",
            ])
        }
        return table.render(maxWidth: 100, style: { column, text in column == 1 ? palette.outcome(text) : text })
    }

    /// The runs table, or a sentence when there is none.
    func runs(_ runs: [RunState]? = nil) -> [String] {
        let runs = runs ?? ticket.runs
        guard !runs.isEmpty else { return ["no runs yet."] }
        var table = Table(columns: [
            .init("RUN"), .init("RUNTIME"), .init("STATUS"), .init("EXIT", alignment: .right),
            .init("DURATION", alignment: .right),
            .init("TOKENS", alignment: .right), .init("COST", alignment: .right), .init("REASON"),
        ])
        for run in runs {
            table.append([
                Format.displayable(run.id.rawValue), Format.displayable(run.runtime), Format.name(run.status),
                run.exitCode.map(String.init) ?? "-",
                run.durationMilliseconds.map { Format.duration(milliseconds: $0) } ?? "-",
                Format.tokens(in: run.tokensIn, out: run.tokensOut),
                run.status == .running ? "-" : Format.cost(micros: run.costMicros),
                run.reason.map { Format.firstLine($0) } ?? "",
            ])
        }
        return table.render(maxWidth: 120, style: { column, text in column == 2 ? palette.outcome(text) : text })
    }

    /// The last events as `POS  TIME  vN  sentence` lines.
    func events(_ events: [RecordedEvent]) -> [String] {
        var table = Table(columns: [.init("POS", alignment: .right), .init("TIME"), .init("VERSION"), .init("EVENT")])
        for event in events {
            table.append([
                event.position.description, time(event.recordedAt), "v\(event.version)",
                EventSentence.sentence(for: event),
            ])
        }
        return table.render(maxWidth: 120)
    }

    /// The DLQ entry in one line.
    func deadLetter(_ entry: DeadLetterEntry) -> String {
        let stage = entry.stage.map { "stage \($0), " } ?? ""
        let reason = Format.firstLine(entry.reason, limit: 80)
        return "\(stage)\(entry.attempts) attempts, since \(time(entry.deadLetteredAt)): \(reason)"
    }

    /// A timestamp for people, in the environment's time zone.
    func time(_ timestamp: Timestamp) -> String { TimeFormat.dateTime(timestamp, in: timeZone) }
}
