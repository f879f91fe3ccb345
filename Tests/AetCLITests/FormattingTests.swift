import AetCore
import Foundation
import Testing

@testable import AetCLI

@Suite struct FormattingTests {
    @Test func costs() {
        #expect(Format.cost(micros: 12_300) == "$0.0123")
        #expect(Format.cost(micros: 0) == "$0.0000")
        #expect(Format.cost(micros: 1_234_567_890) == "$1234.5679")
        #expect(Format.cost(micros: 49) == "$0.0000")
        #expect(Format.cost(micros: 50) == "$0.0001")
        #expect(Format.cost(micros: 4000, unknownRuns: 0) == "$0.0040")
        #expect(Format.cost(micros: 4000, unknownRuns: 1) == "$0.0040 + 1 run of unknown cost")
        #expect(Format.cost(micros: 0, unknownRuns: 3) == "$0.0000 + 3 runs of unknown cost")
        #expect(Format.cost(micros: nil) == "unknown")
    }

    @Test func durations() {
        #expect(Format.duration(milliseconds: 850) == "850 ms")
        #expect(Format.duration(milliseconds: 12_345) == "12.3 s")
        #expect(Format.duration(milliseconds: 245_000) == "4 min 05 s")
        #expect(Format.duration(milliseconds: 3_720_000) == "1 h 02 min")
    }

    @Test func ages() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        func age(_ seconds: Int64) -> String {
            Format.age(of: Timestamp(microseconds: (1_000_000 - seconds) * 1_000_000), now: now)
        }
        #expect(age(5) == "5s")
        #expect(age(180) == "3m")
        #expect(age(7200) == "2h")
        #expect(age(4 * 86_400) == "4d")
        #expect(age(-30) == "0s")
    }

    @Test func times() throws {
        let time = Timestamp(microseconds: 1_795_615_392_123_456)
        #expect(TimeFormat.iso8601(time) == "2026-11-25T14:03:12.123456Z")
        #expect(TimeFormat.iso8601Milliseconds(time) == "2026-11-25T14:03:12.123Z")
        let utc = try #require(TimeZone(identifier: "UTC"))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(TimeFormat.dateTime(time, in: utc) == "2026-11-25 14:03:12")
        #expect(TimeFormat.clock(time, in: berlin) == "15:03:12")
        #expect(TimeFormat.iso8601(Timestamp(microseconds: 0)) == "1970-01-01T00:00:00.000000Z")
        #expect(TimeFormat.iso8601(Timestamp(microseconds: 951_782_400_000_000)) == "2000-02-29T00:00:00.000000Z")
        #expect(TimeFormat.iso8601(Timestamp(microseconds: -1)) == "1969-12-31T23:59:59.999999Z")
    }

    @Test func untrustedText() {
        #expect(Format.firstLine("fix it\nplease") == "fix it …")
        #expect(Format.firstLine("\n\n  fix it\n\n") == "fix it")
        #expect(Format.firstLine("a\u{1B}[31mred") == "a\u{FFFD}[31mred")
        #expect(Format.firstLine(String(repeating: "x", count: 50), limit: 10) == "xxxxxxxxx…")
        #expect(Format.displayable("tab\there") == "tab here")
    }

    @Test func tablesAlignAndFit() {
        var table = Table(columns: [.init("ID"), .init("PRI", alignment: .right), .init("DESCRIPTION")])
        table.append(["T-1", "10", "short"])
        table.append(["T-12", "-5", String(repeating: "long ", count: 10)])
        #expect(
            table.render() == [
                "ID    PRI  DESCRIPTION",
                "T-1    10  short",
                "T-12   -5  long long long long long long long long long long",
            ]
        )
        #expect(
            table.render(maxWidth: 30) == [
                "ID    PRI  DESCRIPTION",
                "T-1    10  short",
                "T-12   -5  long long long lon…",
            ]
        )
    }

    @Test func sentencesForEveryEvent() {
        let run = RunID(rawValue: "T-3.review.1")
        let cases: [(DomainEvent, String)] = [
            (.ticketCancelled(TicketCancelled(reason: "dup")), "cancelled: dup"),
            (.ticketRetried(TicketRetried(reason: "retried by user")), "queued again: retried by user"),
            (.stageFailed(StageFailed(stage: .test, reason: "3 failures")), "stage test failed: 3 failures"),
            (
                .stageSkipped(StageSkipped(stage: .test, reason: "no test command")),
                "stage test skipped: no test command"
            ),
            (
                .runFinished(
                    RunFinished(
                        run: run,
                        status: .failed,
                        exitCode: 1,
                        durationMilliseconds: 12_300,
                        tokensIn: 1200,
                        tokensOut: 340,
                        costMicros: 4000,
                        reason: "request_changes"
                    )
                ),
                "run T-3.review.1 finished: failed (exit 1) in 12.3 s, 1200/340 tokens, $0.0040 — request_changes"
            ),
            (
                .runFinished(
                    RunFinished(
                        run: run,
                        status: .timedOut,
                        exitCode: nil,
                        durationMilliseconds: 600_000,
                        tokensIn: 0,
                        tokensOut: 0,
                        costMicros: nil,
                        reason: nil
                    )
                ),
                "run T-3.review.1 finished: timed out in 10 min 00 s, 0/0 tokens, cost unknown"
            ),
            (.ticketCompleted(TicketCompleted(summary: "merged into main")), "completed: merged into main"),
            (.ticketFailed(TicketFailed(stage: .integrate, reason: "conflict")), "failed at stage integrate: conflict"),
            (.ticketFailed(TicketFailed(stage: nil, reason: "cannot start")), "failed: cannot start"),
            (
                .ticketDeadLettered(TicketDeadLettered(stage: .test, reason: "flaky", attempts: 3)),
                "moved to the dead-letter queue at stage test after 3 attempts: flaky"
            ),
            (
                .deadLetterRetried(DeadLetterRetried(reason: "again")),
                "taken out of the dead-letter queue and queued again: again"
            ),
            (
                .deadLetterRemoved(DeadLetterRemoved(reason: "won't fix")),
                "removed from the dead-letter queue, stays failed: won't fix"
            ),
            (
                .securityViolation(
                    SecurityViolation(
                        operation: "write_file",
                        subject: "../../etc/passwd",
                        reason: "outside the worktree",
                        run: run
                    )
                ),
                "security violation by run T-3.review.1: refused write_file on '../../etc/passwd': outside the worktree"
            ),
        ]
        for (event, sentence) in cases {
            #expect(EventSentence.sentence(for: event) == sentence)
        }
    }
}
