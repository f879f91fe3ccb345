import AetCore
import Testing

/// `TicketStatus`, `TicketMode` and the stored raw values of the small enums.
@Suite struct TicketStatusTests {
    @Test(
        "which statuses are terminal and which may be retried",
        arguments: [
            (TicketStatus.queued, false, false),
            (.running, false, false),
            (.completed, true, false),
            (.failed, true, true),
            (.deadLettered, true, true),
            (.cancelled, true, true),
            (.waitingToMerge, false, false),
        ]
    )
    func status(status: TicketStatus, isTerminal: Bool, isRetryable: Bool) {
        #expect(status.isTerminal == isTerminal)
        #expect(status.isRetryable == isRetryable)
    }

    @Test("every retryable status is terminal")
    func retryableIsTerminal() {
        #expect(TicketStatus.allCases.count == 7)
        for status in TicketStatus.allCases where status.isRetryable {
            #expect(status.isTerminal, "\(status)")
        }
    }

    @Test(
        "modes parse case-insensitively",
        arguments: [
            ("full", TicketMode.full), ("simple", .simple), ("auto", .auto), ("FULL", .full), ("Simple", .simple),
            ("aUtO", .auto),
        ]
    )
    func parseMode(text: String, mode: TicketMode) throws {
        #expect(try TicketMode(parsing: text) == mode)
    }

    @Test(
        "unknown modes are refused, naming the accepted ones",
        arguments: ["", "fast", " full", "full ", "ful", "full,simple"]
    )
    func refuseMode(text: String) {
        let failure = #expect(throws: ValidationFailure.self) { try TicketMode(parsing: text) }
        #expect(failure?.message.contains("use full, simple or auto") == true)
    }

    @Test("a long unknown mode is quoted only in part")
    func longModeIsShortened() {
        let failure = #expect(throws: ValidationFailure.self) {
            try TicketMode(parsing: String(repeating: "z", count: 100))
        }
        #expect(failure?.message.contains(String(repeating: "z", count: 20)) == true)
        #expect(failure?.message.contains(String(repeating: "z", count: 21)) == false)
    }

    @Test("stored raw values never change")
    func rawValues() {
        #expect(
            TicketStatus.allCases.map(\.rawValue) == [
                "queued", "running", "completed", "failed", "dead_lettered", "cancelled", "waiting_to_merge",
            ]
        )
        #expect(TicketMode.allCases.map(\.rawValue) == ["full", "simple", "auto"])
        #expect(
            RunStatus.allCases.map(\.rawValue) == [
                "running", "succeeded", "failed", "timed_out", "cancelled", "interrupted", "not_ready",
            ]
        )
        #expect(
            StageStatus.allCases.map(\.rawValue) == [
                "running", "completed", "failed", "sent_back", "skipped", "pending", "waiting",
            ])
    }
}
