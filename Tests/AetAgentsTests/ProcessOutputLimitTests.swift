import AetTesting
import Foundation
import Testing

@testable import AetAgents

@Suite("ProcessSupervisor: output caps")
struct ProcessOutputLimitTests {
    @Test("the log cap is enforced across both streams, marked in the log and counted; the run goes on")
    func logCap() async throws {
        try await AgentBench.with { bench in
            let cap = 64 << 10
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(maxOutputBytes: cap).run(
                bench.command(["FAKE_BIG": "\(1 << 20)", "FAKE_STDERR": "a warning"]),
                onEvent: recorder.record
            )
            #expect(result.exit == .exited(0))
            #expect(result.output.standardOutputBytes == 1 << 20)
            #expect(result.output.loggedBytes <= cap)
            // Every byte is either logged or dropped; the unterminated last line gets a newline in the log.
            let total: Int = (1 << 20) + 1 + "a warning\n".utf8.count
            #expect(result.output.loggedBytes + result.output.droppedBytes == total)
            let logs = try #require(result.logs)
            let stdout = try bench.read(logs.standardOutput)
            #expect(stdout.contains(ProcessLogWriter.capMarker(cap)))
            #expect(stdout.hasSuffix("dropped beyond the cap]\n"))
            let size = try #require(
                try FileManager.default.attributesOfItem(atPath: logs.standardOutput)[.size] as? Int
            )
            #expect(size < cap + 200, "the log holds the cap plus two short markers")
            let expectedLines: Int = (1 << 20) / 100 + 2  // full lines, the unterminated last one, the stderr line
            #expect(recorder.lines.count == expectedLines, "every line still reaches the callback")
        }
    }

    @Test("a line longer than the line cap is delivered cut, with the dropped byte count")
    func lineCap() async throws {
        try await AgentBench.with { bench in
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(maxLineBytes: 1000).run(
                bench.command(["FAKE_LONG_LINE": "300000", "FAKE_STDOUT": "next"]),
                onEvent: recorder.record
            )
            let lines = recorder.lines
            #expect(lines.count == 2)
            #expect(lines.first?.text == "next")
            #expect(lines.last?.bytes.count == 1000)
            #expect(lines.last?.truncatedBytes == 299_000)
            #expect(result.output.truncatedLines == 1)
            let logs = try #require(result.logs)
            #expect(try bench.read(logs.standardOutput).contains("[aet: line cut, 299000 more bytes dropped]"))
        }
    }

    @Test("a callback that suspends still gets every line, in order")
    func suspendingConsumer() async throws {
        try await AgentBench.with { bench in
            var count = 0
            let result = try await bench.supervisor().run(bench.command(["FAKE_BIG": "200000"])) { event in
                if case .line = event {
                    count += 1
                    if count % 500 == 0 { await Task.yield() }
                }
                return .proceed
            }
            #expect(result.exit == .exited(0))
            #expect(count == 2000)
        }
    }
}
