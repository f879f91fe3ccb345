import AetCore
import Foundation

/// Reads `aet create --budget` values: comma-separated `tokens=500k`, `cost=2.50` (US dollars),
/// `time=90m` (run time: `s`, `m` or `h`), `turns=200`, in any order; each at most once.
enum BudgetParser {
    static func parse(_ text: String) throws(ValidationFailure) -> TicketBudget {
        var budget = TicketBudget()
        var seen: Set<String> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, !pair[1].isEmpty else {
                throw ValidationFailure(
                    "--budget '\(part.prefix(40))' is not key=value: write e.g. --budget tokens=500k,cost=2.50,time=2h."
                )
            }
            let (key, value) = (pair[0].lowercased(), pair[1])
            guard seen.insert(key).inserted else {
                throw ValidationFailure("--budget names \(key) twice: give each limit once.")
            }
            switch key {
            case "tokens": budget.maxTokens = try tokens(value)
            case "cost": budget.maxCostMicros = try dollars(value, source: "--budget cost")
            case "time": budget.maxWallSeconds = try seconds(value)
            case "turns":
                guard let turns = Int64(value), (1...1_000_000).contains(turns) else {
                    throw ValidationFailure(
                        "--budget turns=\(value.prefix(20)) is not a whole number from 1 to 1000000.")
                }
                budget.maxTurns = turns
            default:
                throw ValidationFailure(
                    "--budget has an unknown limit '\(key.prefix(20))': use tokens, cost, time or turns.")
            }
        }
        return budget
    }

    static func tokens(_ text: String) throws(ValidationFailure) -> Int64 {
        let lower = text.lowercased()
        let multiplier: Int64 = lower.hasSuffix("k") ? 1_000 : lower.hasSuffix("m") ? 1_000_000 : 1
        let digits = multiplier == 1 ? lower : String(lower.dropLast())
        guard let value = Int64(digits), value > 0, value <= Int64.max / multiplier else {
            throw ValidationFailure(
                "--budget tokens=\(text.prefix(20)) is not a positive whole number (k and m suffixes allowed, e.g. 500k)."
            )
        }
        return value * multiplier
    }

    static func dollars(_ text: String, source: String) throws(ValidationFailure) -> Int64 {
        let digits = text.hasPrefix("$") ? String(text.dropFirst()) : text
        guard let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), value > 0,
            value <= 1_000_000,
            digits.allSatisfy({ $0.isNumber || $0 == "." })
        else {
            throw ValidationFailure(
                "\(source)=\(text.prefix(20)) is not an amount of US dollars between 0 and 1000000, e.g. 2.50.")
        }
        let micros = NSDecimalNumber(decimal: value * 1_000_000).int64Value
        guard micros > 0 else {
            // Stored in millionths of a dollar: a smaller amount would be stored as 0, an empty budget.
            throw ValidationFailure(
                "\(source)=\(text.prefix(20)) is below the smallest amount aet counts, 0.000001 US dollars.")
        }
        return micros
    }

    static func seconds(_ text: String) throws(ValidationFailure) -> Int64 {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600]
        guard let last = text.last, let unit = units[last], let value = Int64(text.dropLast()), value > 0,
            value <= 24 * 3600 * 30 / unit
        else {
            throw ValidationFailure("--budget time=\(text.prefix(20)) is not a duration such as 90s, 30m or 2h.")
        }
        return value * unit
    }
}
