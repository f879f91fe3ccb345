import AetCore
import AetScheduler
import Foundation

/// Prints live progress lines: `[mm:ss] T-3 implement (claude): Write hello.txt`.
struct ProgressPrinter: Sendable {
    let sink: TextSink
    let started: ContinuousClock.Instant

    init(sink: TextSink) {
        self.sink = sink
        self.started = .now
    }

    func print(_ event: ProgressEvent) {
        if case .timings = event { return }
        sink.writeLine("[\(Self.clock(started.duration(to: .now)))] " + Format.displayable(Self.line(for: event)))
        sink.flush()
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
            return "\(ticket) \(stage) timings: to spawn \(seconds(timings.toSpawn)), agent \(seconds(timings.agent)), to checkpoint \(seconds(timings.toCheckpoint))"
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
