import AetCore
import Foundation

/// Formatting of numbers, money, durations and untrusted text for people.
enum Format {
    /// A cost in millionths of a dollar as dollars with four decimals, e.g. `$0.0123`.
    static func budget(_ budget: TicketBudget) -> String {
        var parts: [String] = []
        if let tokens = budget.maxTokens { parts.append("\(tokens) tokens") }
        if let cost = budget.maxCostMicros { parts.append(self.cost(micros: cost)) }
        if let seconds = budget.maxWallSeconds { parts.append(duration(milliseconds: seconds * 1000) + " of runs") }
        if let turns = budget.maxTurns { parts.append("\(turns) turns") }
        return parts.isEmpty ? "unlimited" : parts.joined(separator: ", ")
    }

    static func cost(micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let tenThousandths = (abs(micros) + 50) / 100
        return "\(sign)$\(tenThousandths / 10_000).\(padded(tenThousandths % 10_000, to: 4))"
    }

    /// A known cost plus how many runs' costs are unknown, e.g. `$0.0040 + 2 runs of unknown cost`.
    static func cost(micros: Int64, unknownRuns: Int) -> String {
        let known = cost(micros: micros)
        switch unknownRuns {
        case ...0: return known
        case 1: return "\(known) + 1 run of unknown cost"
        default: return "\(known) + \(unknownRuns) runs of unknown cost"
        }
    }

    /// A run's cost, or `unknown`.
    static func cost(micros: Int64?) -> String { micros.map { cost(micros: $0) } ?? "unknown" }

    /// A duration: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`.
    static func duration(milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 60_000 { return String(format: "%.1f s", Double(milliseconds) / 1000) }
        let seconds = milliseconds / 1000
        if seconds < 3600 { return "\(seconds / 60) min \(padded(seconds % 60, to: 2)) s" }
        return "\(seconds / 3600) h \(padded(seconds % 3600 / 60, to: 2)) min"
    }

    /// Seconds with three decimals, e.g. `0.012 s`.
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }

    /// How long ago, in the largest whole unit: `5s`, `3m`, `2h`, `4d`.
    static func age(of time: Timestamp, now: Date) -> String {
        let seconds = max(0, Int64(now.timeIntervalSince1970) - time.microseconds / 1_000_000)
        switch seconds {
        case ..<60: return "\(seconds)s"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// Token counts as `in/out`.
    static func tokens(in tokensIn: Int64, out tokensOut: Int64) -> String { "\(tokensIn)/\(tokensOut)" }

    /// The first line of untrusted text, with control characters replaced and cut to `limit` characters.
    /// - Parameters:
    ///   - text: The text (a description, reason or feedback).
    ///   - limit: At most this many characters, including the trailing `…` when cut.
    static func firstLine(_ text: String, limit: Int = 120) -> String {
        let trimmed = text.drop(while: { $0.isNewline || $0 == " " })
        let line = trimmed.prefix(while: { !$0.isNewline })
        let more = line.count < trimmed.count && trimmed.dropFirst(line.count).contains(where: { !$0.isWhitespace })
        return truncated(displayable(String(line)) + (more ? " …" : ""), to: limit)
    }

    /// Text cut to `width` characters, ending in `…` when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(0, width))) }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Text safe for a terminal: control characters (escape sequences!) become `�`, tabs become spaces.
    static func displayable(_ text: String, keepingNewlines: Bool = false) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: scalars.append(" ")
            case 0x0A where keepingNewlines: scalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A status name for people: `dead lettered`, `sent back`, `timed out`.
    static func name<T: RawRepresentable<String>>(_ value: T) -> String {
        value.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    /// The ticket status whose ``name(_:)`` is `text` (e.g. `dead lettered`), if any.
    static func status(named text: String) -> TicketStatus? {
        TicketStatus(rawValue: text.replacingOccurrences(of: " ", with: "_"))
    }

    /// A list of ticket ids, or `-` when empty.
    static func tickets(_ ids: [TicketID]) -> String {
        ids.isEmpty ? "-" : ids.map(\.description).joined(separator: ", ")
    }

    static func padded(_ value: Int64, to width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
