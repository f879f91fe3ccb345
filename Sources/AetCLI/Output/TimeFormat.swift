import AetCore
import Foundation

/// Calendar text for timestamps, computed arithmetically (fast enough to stream a whole log).
enum TimeFormat {
    /// ISO 8601 in UTC with microseconds, e.g. `2026-11-25T14:03:12.123456Z` (for JSON).
    static func iso8601(_ time: Timestamp) -> String {
        let parts = Parts(microseconds: time.microseconds, offsetSeconds: 0)
        return "\(parts.date)T\(parts.clock).\(Format.padded(parts.micros, to: 6))Z"
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-25T14:03:12.123Z` (for event lines).
    static func iso8601Milliseconds(_ time: Timestamp) -> String {
        let parts = Parts(microseconds: time.microseconds, offsetSeconds: 0)
        return "\(parts.date)T\(parts.clock).\(Format.padded(parts.micros / 1000, to: 3))Z"
    }

    /// ISO 8601 in UTC with milliseconds of a `Date` (for log lines).
    static func iso8601Milliseconds(_ date: Date) -> String { iso8601Milliseconds(Timestamp(date)) }

    /// `HH:mm:ss` in a time zone.
    static func clock(_ time: Timestamp, in zone: TimeZone) -> String {
        Parts(microseconds: time.microseconds, offsetSeconds: offset(of: time, in: zone)).clock
    }

    /// `yyyy-MM-dd` in a time zone.
    static func day(_ time: Timestamp, in zone: TimeZone) -> String {
        Parts(microseconds: time.microseconds, offsetSeconds: offset(of: time, in: zone)).date
    }

    /// `yyyy-MM-dd HH:mm:ss` in a time zone.
    static func dateTime(_ time: Timestamp, in zone: TimeZone) -> String {
        let parts = Parts(microseconds: time.microseconds, offsetSeconds: offset(of: time, in: zone))
        return "\(parts.date) \(parts.clock)"
    }

    private static func offset(of time: Timestamp, in zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: time.date))
    }

    /// A timestamp split into civil date and time (Howard Hinnant's `civil_from_days`).
    private struct Parts {
        var year: Int64, month: Int64, day: Int64
        var hour: Int64, minute: Int64, second: Int64, micros: Int64

        init(microseconds: Int64, offsetSeconds: Int64) {
            let total = microseconds + offsetSeconds * 1_000_000
            let (seconds, fraction) = Self.floorDivide(total, 1_000_000)
            let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
            micros = fraction
            hour = secondOfDay / 3600
            minute = secondOfDay % 3600 / 60
            second = secondOfDay % 60
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthPrime = (5 * dayOfYear + 2) / 153
            day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
            month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        }

        var date: String { "\(Format.padded(year, to: 4))-\(Format.padded(month, to: 2))-\(Format.padded(day, to: 2))" }
        var clock: String {
            "\(Format.padded(hour, to: 2)):\(Format.padded(minute, to: 2)):\(Format.padded(second, to: 2))"
        }

        private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
            let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
            return (quotient, value - quotient * divisor)
        }
    }
}
