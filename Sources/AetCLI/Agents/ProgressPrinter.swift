import AetCore
import AetScheduler
import Foundation

/// Prints live progress lines: `[mm:ss] T-3 implement (claude): Write hello.txt`.
struct ProgressPrinter: Sendable {
    let sink: TextSink
    let started: ContinuousClock.Instant
    let palette: Palette

    init(sink: TextSink, variables: [String: String] = [:]) {
        self.sink = sink
        self.started = .now
        self.palette = Palette(sink: sink, variables: variables)
    }

    func print(_ event: ProgressEvent) {
        if case .timings = event { return }
        sink.writeLine(
            "[\(Self.clock(started.duration(to: .now)))] "
                + paint(Format.displayable(Self.line(for: event)), for: event))
        sink.flush()
    }

    /// A finished ticket in its status's colour, a finished or skipped stage by its outcome.
    private func paint(_ line: String, for event: ProgressEvent) -> String {
        switch event {
        case .ticketFinished(_, let status, _): palette.status(line, status)
        case .stageFinished(_, _, let outcome, _):
            Self.painted(line, outcome: Format.displayable(outcome), palette: palette)
        case .stageSkipped: palette.paint(line, .dim)
        default: line
        }
    }

    /// The line with its outcome part painted.
    private static func painted(_ line: String, outcome: String, palette: Palette) -> String {
        guard let range = line.range(of: outcome) else { return line }
        return line.replacingCharacters(in: range, with: palette.outcome(outcome))
    }

    static func line(for event: ProgressEvent) -> String {
        switch event {
        case .stageStarted(let ticket, let stage, let runtime, let run):
            return "\(ticket) \(stage) started (\(runtime), run \(run))"
        case .activity(let ticket, let stage, let text, let elapsed):
            return "\(ticket) \(stage) +\(seconds(elapsed)): \(text)"
        case .stageFinished(let ticket, let stage, let outcome, let elapsed):
            return "\(ticket) \(stage) \(outcome) after \(seconds(elapsed))"
        case .stageSkipped(let ticket, let stage, let reason):
            return "\(ticket) \(stage) skipped: \(reason)"
        case .ticketFinished(let ticket, let status, let summary):
            return "\(ticket) \(status.rawValue.replacingOccurrences(of: "_", with: " ")): \(summary)"
        case .timings(let ticket, let stage, let timings):
            return
                "\(ticket) \(stage) timings: to spawn \(seconds(timings.toSpawn)), agent \(seconds(timings.agent)), to checkpoint \(seconds(timings.toCheckpoint))"
        case .waiting(let ticket, let stage, let reason, let delay):
            return "\(ticket) \(stage) waits \(seconds(delay)) before \(reason)"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        let total = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return total < 10 ? String(format: "%.1fs", total) : "\(Int(total.rounded()))s"
    }

    static func clock(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        return String(format: "%02d:%02d", seconds / 60, seconds % 60)
    }
}
