import AetCore
import Foundation
import Testing

/// `TicketID`, `StreamID` and `RunID`: parsing and stored forms.
@Suite struct IdentifierTests {
    @Test(
        "ticket ids parse from T-<n>, t-<n> or <n>",
        arguments: [("T-1", 1), ("t-12", 12), ("7", 7), ("T-007", 7), ("999999999999", 999_999_999_999)]
    )
    func parseTicketID(text: String, number: Int) throws {
        let id = try TicketID(parsing: text)
        #expect(id.number == number)
        #expect(id == TicketID(number))
        #expect(id.description == "T-\(number)")
    }

    @Test(
        "malformed ticket ids are refused with a hint",
        arguments: [
            "", "T-", "T-0", "T--1", "X-3", "T-1a", "T-99999999999999", "1234567890123", " T-1", "T-1 ", "T-+1",
            "T-١٢", "T- 1", "-1", "0", "T_1", "TT-1", "T-1.5",
        ]
    )
    func refuseTicketID(text: String) {
        let failure = #expect(throws: ValidationFailure.self) { try TicketID(parsing: text) }
        #expect(failure?.message.contains("T-<number>") == true)
        #expect(failure?.message.contains("'\(text)'") == true)
    }

    @Test("a long bad ticket id is quoted only in part")
    func longInputIsShortened() {
        let text = String(repeating: "x", count: 1_000)
        let failure = #expect(throws: ValidationFailure.self) { try TicketID(parsing: text) }
        #expect(failure?.message.contains(String(repeating: "x", count: 40)) == true)
        #expect(failure?.message.contains(String(repeating: "x", count: 41)) == false)
    }

    @Test("ticket ids order by number, not by text")
    func ticketIDOrder() {
        #expect(TicketID(2) < TicketID(10))
        #expect([TicketID(10), TicketID(2), TicketID(1)].sorted() == [TicketID(1), TicketID(2), TicketID(10)])
    }

    @Test("ticket ids are coded as their T-<n> text")
    func ticketIDCodable() throws {
        let data = try JSONEncoder().encode([TicketID(3)])
        #expect(String(decoding: data, as: UTF8.self) == #"["T-3"]"#)
        #expect(
            try JSONDecoder().decode([TicketID].self, from: Data(#"["T-3","4"]"#.utf8)) == [TicketID(3), TicketID(4)]
        )
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TicketID].self, from: Data(#"["T-0"]"#.utf8)) }
    }

    @Test("a ticket's stream name round-trips to its id", arguments: [1, 12, 999_999_999_999])
    func ticketStream(number: Int) {
        let stream = StreamID.ticket(TicketID(number))
        #expect(stream.rawValue == "ticket/T-\(number)")
        #expect(stream.ticketID == TicketID(number))
    }

    @Test(
        "streams that are not ticket streams have no ticket id",
        arguments: ["system", "ticket/", "ticket/abc", "ticket/T-0", "tickets/T-1", "T-1", "", "Ticket/T-1"]
    )
    func nonTicketStreams(rawValue: String) {
        #expect(StreamID(rawValue: rawValue).ticketID == nil)
    }

    @Test("the system stream")
    func systemStream() {
        #expect(StreamID.system.rawValue == "system")
        #expect(StreamID.system.ticketID == nil)
        #expect(StreamID.system.description == "system")
    }

    @Test("run ids are <ticket>.<stage>.<attempt>")
    func runID() {
        let id = RunID(ticket: TicketID(12), stage: .implement, attempt: 2)
        #expect(id.rawValue == "T-12.implement.2")
        #expect(id.description == "T-12.implement.2")
        #expect(id == RunID(rawValue: "T-12.implement.2"))
        #expect(RunID(ticket: TicketID(1), stage: "qa-2", attempt: 10).rawValue == "T-1.qa-2.10")
    }

    @Test("positions and timestamps order by their stored value")
    func ordering() {
        #expect(EventPosition(2) < EventPosition(10))
        #expect(EventPosition(5).description == "5")
        #expect(Timestamp(microseconds: -1) < Timestamp(microseconds: 0))
    }

    @Test("timestamps keep whole microseconds")
    func timestamps() {
        let stamp = Timestamp(microseconds: 1_764_082_252_123_456)
        #expect(Timestamp(stamp.date) == stamp)
        #expect(Timestamp(Date(timeIntervalSince1970: 1.5)).microseconds == 1_500_000)
        #expect(Timestamp(microseconds: 1_764_082_252_123_456).description.hasPrefix("2025-11-25T14:50:52.123"))
    }

    @Test(
        "timestamps print as UTC ISO 8601 with milliseconds and a Z"
    )
    func timestampDescription() {
        #expect(Timestamp(microseconds: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(microseconds: 1_764_082_252_123_456).description == "2025-11-25T14:50:52.123Z")
    }
}
