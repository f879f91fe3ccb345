/// Durations as people write them in role files and on the command line: `90s`, `20m`, `1h`, `1h30m`.
///
/// ```swift
/// DurationText.parse("20m")             // .seconds(1200)
/// DurationText.format(.seconds(5400))   // "1h30m"
/// ```
public enum DurationText {
    /// Reads a duration written as whole numbers with the units `h`, `m` and `s`, largest first
    /// (`1h30m`, `45s`); spaces, fractions and other units are refused.
    /// - Parameter text: The written duration.
    /// - Returns: The duration, or nil when `text` is not one.
    public static func parse(_ text: String) -> Duration? {
        let units: [(Character, Int64)] = [("h", 3600), ("m", 60), ("s", 1)]
        var total: Int64 = 0
        var number: Int64?
        var nextUnit = 0  // index into `units`: each unit at most once, largest first
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (times10, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (value, overflow2) = times10.addingReportingOverflow(Int64(digit))
                guard !overflow1, !overflow2, value <= 1_000_000_000 else { return nil }
                number = value
                continue
            }
            guard let value = number,
                let index = units[nextUnit...].firstIndex(where: { $0.0 == character })
            else { return nil }
            total += value * units[index].1
            number = nil
            nextUnit = index + 1
        }
        guard number == nil, nextUnit > 0 else { return nil }
        return .seconds(total)
    }

    /// Writes a duration the way ``parse(_:)`` reads it, e.g. `1h30m`; parts under a second are dropped.
    /// - Parameter duration: A non-negative duration.
    /// - Returns: The text, `0s` for zero.
    public static func format(_ duration: Duration) -> String {
        var seconds = max(0, duration.components.seconds)
        guard seconds > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("h", Int64(3600)), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }
}
