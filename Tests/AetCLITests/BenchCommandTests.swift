import Foundation
import Testing

/// `aet bench store` runs every phase on a small log, in a directory it cleans up.
@Suite struct BenchCommandTests {
    @Test func smallStoreBenchReportsEveryPhaseAndVerifiesClean() async throws {
        try await TestRepository.withPlainDirectory { directory in
            let result = await TestRepository.run(
                ["bench", "store", "--events", "400", "--single-events", "30", "--dir", directory, "--json"],
                in: directory)
            try #require(result.code == 0, "\(result.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
            #expect(report["events"] as? Int == 400)
            #expect(report["singleAppendEvents"] as? Int == 30)
            #expect(report["verifyClean"] as? Bool == true)
            #expect((report["rebuildEventsPerSecond"] as? Double ?? 0) > 0)
            #expect((report["tickets"] as? Int ?? 0) > 10)
            let peaks = try #require(report["peakRSSMiB"] as? [String: Double])
            #expect(Set(peaks.keys) == ["append", "rebuild", "verify"])
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(leftovers.isEmpty, "the benchmark directory is removed without --keep")
        }
    }

    @Test func textOutputNamesEachPhase() async throws {
        try await TestRepository.withPlainDirectory { directory in
            let result = await TestRepository.run(
                ["bench", "store", "--events", "100", "--single-events", "5", "--dir", directory], in: directory)
            #expect(result.code == 0, "\(result.stderr)")
            for phase in ["batched append:", "one event per transaction:", "rebuild:", "verify:", "peak RSS:"] {
                #expect(result.stdout.contains(phase), "missing \(phase)")
            }
        }
    }

    @Test func pipelineBenchCompletesItsTicketsWithAgentsThatChangeNothing() async throws {
        try await TestRepository.withPlainDirectory { directory in
            let result = await TestRepository.run(["bench", "pipeline", "--tickets", "1", "--json"], in: directory)
            try #require(result.code == 0, "\(result.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
            #expect(report["stages"] as? Int == 6)
        }
    }

    @Test(arguments: [
        ["bench", "store", "--events", "0"],
        ["bench", "store", "--events", "100", "--batch-size", "0"],
        ["bench", "store", "--events", "100", "--dir", "/nonexistent/aet-bench"],
    ])
    func badOptionsAreUsageErrors(arguments: [String]) async throws {
        try await TestRepository.withPlainDirectory { directory in
            let result = await TestRepository.run(arguments, in: directory)
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix("error: "))
        }
    }
}
