import AetCore
import AetStore
import Foundation
import Testing

@Suite struct QueryCommandTests {
    @Test func statusCountsEveryStatusAndListsActiveTickets() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: [
                "add rate limiting to the API\nwith details below", "write docs", "cancel me",
            ])
            #expect(await repo.run("cancel", "T-3").code == 0)
            try await Histories.append(Histories.reworked, to: TicketID(1), in: repo.openStore())

            let result = await repo.run("status")
            #expect(result.code == 0, "\(result.stderr)")
            let lines = result.lines
            #expect(
                lines.prefix(7) == [
                    "queued            1", "running           1", "completed         0", "failed            0",
                    "dead lettered     0", "cancelled         1", "waiting to merge  0",
                ]
            )
            #expect(lines[8] == "ID   STATUS   STAGE      PRI  AGE  DESCRIPTION")
            #expect(lines[9] == "T-1  running  implement    0   0s  add rate limiting to the API …")
            #expect(lines[10] == "T-2  queued   -            0   0s  write docs")
            #expect(lines.count == 11)
        }
    }

    @Test func statusTruncatesLongDescriptionsToOneHundredColumns() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: [String(repeating: "word ", count: 60)])
            let line = try #require(await repo.run("status").lines.last)
            #expect(line.count == 100)
            #expect(line.hasSuffix("…"))
        }
    }

    @Test func statusWithoutActiveTicketsSaysSo() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("status")
            #expect(result.lines.last == "no queued, running or waiting tickets.")
        }
    }

    @Test func statusJSONHasAllCounts() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("status", "--json")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            let counts = try #require(object["counts"] as? [String: Int])
            #expect(
                counts == [
                    "queued": 1, "running": 0, "completed": 0, "failed": 0, "deadLettered": 0, "cancelled": 0,
                    "waitingToMerge": 0,
                ]
            )
            let active = try #require(object["active"] as? [[String: Any]])
            #expect(active.first?["id"] as? String == "T-1")
        }
    }

    @Test func showPrintsFieldsStagesRunsCostAndEvents() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["add rate limiting to the API"])
            try await Histories.append(Histories.reworked, to: TicketID(1), in: repo.openStore())

            let result = await repo.run("show", "T-1")
            #expect(result.code == 0, "\(result.stderr)")
            let text = result.stdout
            #expect(text.hasPrefix("T-1  add rate limiting to the API\n"))
            #expect(text.contains("  status       running\n"))
            #expect(text.contains("  reworks      1\n"))
            #expect(text.contains("  tokens       6200 in / 1140 out\n"))
            #expect(text.contains("  cost         $0.0040 + 1 run of unknown cost\n"))
            #expect(text.contains("implement  running           2  2026-11-25 14:03:12\n"))
            #expect(text.contains("review     sent back         1  2026-11-25 14:03:12  add tests for the limiter …\n"))
            #expect(
                text.contains(
                    "T-1.review.1     claude   failed        1      12.3 s  1200/340  $0.0040  request_changes\n"
                )
            )
            #expect(text.contains("T-1.implement.1  claude   succeeded     0  1 min 35 s  5000/800  unknown"))
            #expect(text.contains("LAST EVENTS"))
            #expect(text.contains("v10      stage implement started (attempt 2)"))
            #expect(text.contains("created T-1 (full, priority 0, base main)"))
            let lastThree = await repo.run("show", "T-1", "--events", "3").stdout
            #expect(!lastThree.contains("created T-1"))
            #expect(lastThree.contains("sent back from review to implement"))
        }
    }

    @Test func showJSONHasTheTicketAndEvents() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("show", "T-1", "--json")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            let ticket = try #require(object["ticket"] as? [String: Any])
            #expect(ticket["status"] as? String == "queued")
            #expect((object["events"] as? [Any])?.count == 1)
        }
    }

    @Test func showOfAnUnknownTicketIsExitTwo() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let unknown = await repo.run("show", "T-42")
            #expect(unknown.code == 2)
            #expect(unknown.stderr == "error: ticket T-42 does not exist: see aet status for the tickets there are.\n")
            let malformed = await repo.run("show", "ticket-1")
            #expect(malformed.code == 2)
            #expect(malformed.stderr.hasPrefix("error: 'ticket-1' is not a ticket id"))
            #expect(await repo.run("logs", "T-42").code == 2)
            #expect(await repo.run("events", "--ticket", "T-42").code == 2)
        }
    }

    @Test func logsTellTheHistoryInSentences() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["add rate limiting"])
            try await Histories.append(Histories.reworked, to: TicketID(1), in: repo.openStore())

            let result = await repo.run("logs", "T-1")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(
                result.lines == [
                    "2026-11-25",
                    "14:03:12  created T-1 (full, priority 0, base main): add rate limiting",
                    "14:03:12  stage implement started (attempt 1)",
                    "14:03:12  run T-1.implement.1 started (claude, attempt 1)",
                    "14:03:12  run T-1.implement.1 finished: succeeded (exit 0) in 1 min 35 s, 5000/800 tokens, cost unknown",
                    "14:03:12  stage implement completed: added the limiter",
                    "14:03:12  stage review started (attempt 1)",
                    "14:03:12  run T-1.review.1 started (claude, attempt 1)",
                    "14:03:12  run T-1.review.1 finished: failed (exit 1) in 12.3 s, 1200/340 tokens, $0.0040 — request_changes",
                    "14:03:12  sent back from review to implement (rework 1): add tests for the limiter …",
                    "14:03:12  stage implement started (attempt 2)",
                ]
            )
        }
    }

    @Test func eventsPrintOneAlignedLinePerEvent() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two"])
            let result = await repo.run("events")
            #expect(result.code == 0, "\(result.stderr)")
            #expect(
                result.lines == [
                    "     1  2026-11-25T14:03:12.000Z  ticket/T-1    v1    ticket.created        created T-1 (full, priority 0, base main): one",
                    "     2  2026-11-25T14:03:12.000Z  ticket/T-2    v1    ticket.created        created T-2 (full, priority 0, base main): two",
                ]
            )
        }
    }

    @Test func eventsFilterBySincePositionLimitAndTicket() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two", "three"])
            try await Histories.append(Histories.reworked, to: TicketID(2), in: repo.openStore())
            #expect(
                await repo.run("events", "--since", "1", "--limit", "2").lines.map { $0.prefix(6) } == [
                    "     2", "     3",
                ]
            )
            let ticket = await repo.run("events", "--ticket", "T-2", "--since", "3", "--limit", "3")
            #expect(ticket.lines.map { $0.prefix(6) } == ["     4", "     5", "     6"])
            #expect(ticket.lines.allSatisfy { $0.contains("ticket/T-2") })
            #expect(await repo.run("events", "--since", "-1").code == 2)
            #expect(await repo.run("events", "--limit", "0").code == 2)
        }
    }

    @Test func eventsJSONLinesParse() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            try await Histories.append(Histories.reworked, to: TicketID(1), in: repo.openStore())
            let result = await repo.run("events", "--json")
            #expect(result.code == 0, "\(result.stderr)")
            let objects = try result.lines.map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            #expect(objects.count == 10)
            let first = try #require(objects.first)
            #expect(first["position"] as? Int == 1)
            #expect(first["stream"] as? String == "ticket/T-1")
            #expect(first["version"] as? Int == 1)
            #expect(first["type"] as? String == "ticket.created")
            #expect(first["schemaVersion"] as? Int == 1)
            #expect(first["recordedAt"] as? String == "2026-11-25T14:03:12.000000Z")
            #expect(first["idempotencyKey"] is NSNull)
            #expect((first["metadata"] as? [String: Any])?["actor"] as? String == "cli:create")
            #expect((first["payload"] as? [String: Any])?["description"] as? String == "one")
            #expect((first["hash"] as? String)?.count == 64)
            let sentBack = try #require(objects.first { $0["type"] as? String == "stage.sent_back" })
            #expect((sentBack["payload"] as? [String: Any])?["target"] as? String == "implement")
        }
    }

    @Test func eventsStreamTheWholeLogAcrossPages() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let started = (1...1500).map { DomainEvent.stageStarted(StageStarted(stage: .implement, attempt: $0)) }
            try await Histories.append(started, to: TicketID(1), in: repo.openStore())
            let text = await repo.run("events")
            #expect(text.lines.count == 1501)
            #expect(text.lines.last?.hasSuffix("stage implement started (attempt 1500)") == true)
            let json = await repo.run("events", "--json", "--since", "1000")
            #expect(json.lines.count == 501)
            #expect(json.lines.first?.contains("\"position\":1001,") == true)
        }
    }

    @Test func logsJSONLines() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            let result = await repo.run("logs", "T-1", "--json")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            #expect(object["text"] as? String == "created T-1 (full, priority 0, base main): one")
            #expect(object["type"] as? String == "ticket.created")
            #expect(object["position"] as? Int == 1)
        }
    }
}
