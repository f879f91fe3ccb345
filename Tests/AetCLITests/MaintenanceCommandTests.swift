import AetCore
import AetStore
import Foundation
import GRDB
import Testing

@Suite struct MaintenanceCommandTests {
    @Test func rebuildReportsWhatItReplayed() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two"])
            let result = await repo.run("rebuild")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("rebuilt projections from 2 events in "))
            #expect(result.stdout.contains(" events/s)"))
            let json = await repo.run("rebuild", "--json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["events"] as? Int == 2)
            #expect(object["tickets"] as? Int == 2)
        }
    }

    @Test func verifyStateOfACleanStoreIsExitZero() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two"])
            try await Histories.append(Histories.reworked, to: TicketID(1), in: repo.openStore())
            let result = await repo.run("verify-state")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("checked 11 events in 2 streams and 2 tickets in "))
            #expect(result.stdout.hasSuffix(": no problems.\n"))
        }
    }

    @Test func verifyStateFindsACorruptedProjection() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two"])
            let database = try DatabaseQueue(path: repo.storePath)
            try await database.write { db in try db.execute(sql: "UPDATE tickets SET status = 'completed'") }
            try database.close()

            let result = await repo.run("verify-state")
            #expect(result.code == 1)
            #expect(result.lines.contains { $0.hasPrefix("[projection_mismatch]") })
            #expect(result.lines.last?.contains("2 problems") == true)

            let json = await repo.run("verify-state", "--json", "--max-problems", "1")
            #expect(json.code == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["problemCount"] as? Int == 2)
            #expect((object["problems"] as? [Any])?.count == 1)

            #expect(await repo.run("rebuild").code == 0)
            #expect(await repo.run("verify-state").code == 0)
        }
    }

    @Test func verifyStateRejectsABadMaximum() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("verify-state", "--max-problems", "0")
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix("error: --max-problems must be at least 1."))
        }
    }
}
