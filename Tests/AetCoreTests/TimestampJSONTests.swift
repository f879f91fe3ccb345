import AetCore
import Foundation
import Testing

/// Timestamps in JSON are ISO 8601 UTC text with microseconds, and read back exactly.
@Suite struct TimestampJSONTests {
    @Test(arguments: [Int64(0), 1, 999_999, 1_764_082_252_123_456, -1, -1_500_000])
    func roundTripsThroughJSON(microseconds: Int64) throws {
        let stamp = Timestamp(microseconds: microseconds)
        let data = try JSONEncoder().encode([stamp])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("[\"") && text.hasSuffix("Z\"]"))
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [stamp])
    }

    @Test func formatsWithSixFractionDigits() {
        #expect(Timestamp(microseconds: 1_764_082_252_123_456).iso8601 == "2025-11-25T14:50:52.123456Z")
        #expect(Timestamp(microseconds: 0).iso8601 == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(microseconds: -1).iso8601 == "1969-12-31T23:59:59.999999Z")
    }

    @Test func parsesShorterFractionsAndNumbers() throws {
        #expect(Timestamp(iso8601: "2025-11-25T14:50:52.5Z")?.microseconds == 1_764_082_252_500_000)
        #expect(Timestamp(iso8601: "2025-11-25T14:50:52Z")?.microseconds == 1_764_082_252_000_000)
        #expect(try JSONDecoder().decode([Timestamp].self, from: Data("[42]".utf8)) == [Timestamp(microseconds: 42)])
    }

    @Test(arguments: [
        "", "2025-11-25", "2025-11-25T14:50:52", "2025-11-25T14:50:52.1234567Z", "2025-11-25T14:50:52.x1Z",
    ])
    func refusesMalformedText(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }
}
