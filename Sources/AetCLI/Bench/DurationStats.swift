import Foundation

/// Percentiles of a set of durations, in milliseconds, for benchmark reports.
struct DurationStats: Encodable, Sendable {
    var count: Int
    var p50: Double
    var p95: Double
    var max: Double
    var mean: Double

    init(_ samples: [Duration]) {
        let values = samples.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
            .sorted()
        count = values.count
        func percentile(_ p: Double) -> Double {
            guard !values.isEmpty else { return 0 }
            return values[Swift.min(values.count - 1, Int((Double(values.count - 1) * p).rounded()))]
        }
        p50 = percentile(0.5)
        p95 = percentile(0.95)
        max = values.last ?? 0
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    var text: String { String(format: "p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", p50, p95, max, count) }
}
