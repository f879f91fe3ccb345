import AetCore
import AetStore
import Foundation
import Testing

@Suite struct CreateCommandTests {
    @Test func printsTheNewTicketID() async throws {
        try await TestRepository.with(branch: "develop") { repo in
            try await repo.initialize()
            let first = await repo.run("create", "add rate limiting to the API")
            #expect(first.code == 0, "\(first.stderr)")
            #expect(first.stdout == "T-1\n")
            #expect(first.stderr.isEmpty)
            let second = await repo.run(
                "create",
                "document it",
                "--mode",
                "simple",
                "--priority",
                "-5",
                "--depends-on",
                "T-1"
            )
            #expect(second.stdout == "T-2\n")

            let ticket = try #require(try await repo.openStore().ticket(TicketID(2)))
            #expect(ticket.mode == .simple)
            #expect(ticket.priority == -5)
            #expect(ticket.dependencies == [TicketID(1)])
            #expect(ticket.baseBranch == "develop")
            #expect(ticket.status == .queued)
        }
    }

    @Test func dependenciesRepeatAndSplitOnCommas() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one", "two", "three"])
            let result = await repo.run(
                "create",
                "four",
                "--depends-on",
                "T-1,T-2",
                "--depends-on",
                "3"
            )
            #expect(result.code == 0, "\(result.stderr)")
            let ticket = try #require(try await repo.openStore().ticket(TicketID(4)))
            #expect(ticket.dependencies == [TicketID(1), TicketID(2), TicketID(3)])
        }
    }

    @Test func baseMustNameAnExistingLocalBranch() async throws {
        try await GitProject.with { project in
            #expect(await project.run("init").code == 0)
            _ = try await project.git("branch", "feature/x")
            let created = await project.run("create", "on a feature branch", "--base", "feature/x")
            #expect(created.code == 0, "\(created.stderr)")
            let missing = await project.run("create", "on a typo", "--base", "feature/y")
            #expect(missing.code == 2)
            #expect(
                missing.stderr.hasPrefix("error: --base feature/y is not a local branch of this repository"),
                "\(missing.stderr)")
            let events = await project.run("events", "--json")
            #expect(events.stdout.split(separator: "\n").count == 1, "only the first ticket was recorded")
        }
    }

    @Test func jsonPrintsTheID() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("create", "add a README", "--json")
            #expect(result.code == 0, "\(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            #expect(object["id"] as? String == "T-1")
            #expect(object["status"] as? String == "queued")
            #expect(object["mode"] as? String == "full")
            #expect(object["baseBranch"] as? String == "main")
        }
    }

    static let badInputs: [(arguments: [String], message: String)] = [
        (["create", ""], "error: the ticket description is empty"),
        (["create", "   \n\t "], "error: the ticket description is empty"),
        (["create", String(repeating: "a", count: 65_537)], "error: the ticket description is 65537 bytes"),
        (["create", "bad \u{01} byte"], "error: the ticket description contains the control character U+0001"),
        (
            ["create", "fix \u{202E}gnp.exe"],
            "error: the ticket description contains the invisible or direction-changing character U+202E"
        ),
        (
            ["create", "zero\u{200B}width"],
            "error: the ticket description contains the invisible or direction-changing character U+200B"
        ),
        (
            ["create", "isolate \u{2066}x\u{2069}"],
            "error: the ticket description contains the invisible or direction-changing character U+2066"
        ),
        (["create", "x", "--depends-on", "T-9"], "error: ticket T-9 does not exist"),
        (["create", "x", "--depends-on", "T-1,banana"], "error: 'banana' is not a ticket id"),
        (["create", "x", "--depends-on", "T-1,T-1"], "error: a dependency is listed twice"),
        (["create", "x", "--mode", "turbo"], "error: unknown mode 'turbo': use full, simple or auto."),
        (["create", "x", "--priority", "high"], "error: the value 'high' is invalid for '--priority <n>'."),
        (["create", "x", "--priority", "5000"], "error: priority 5000 is out of range"),
        (["create", "x", "--base", "a..b"], "error: the branch name 'a..b'"),
        (["create", "x", "--base", "nosuch"], "error: --base nosuch is not a local branch"),
        (["create", "x", "--budget", "cost=0.0000001"], "error: --budget cost=0.0000001 is below the smallest amount"),
        (["create", "x", "--budget", "cost=0"], "error: --budget cost=0 is not an amount"),
        (["create"], "error: missing expected argument '<description>'."),
    ]

    @Test(arguments: badInputs.indices)
    func badInputIsExitTwoAndWritesNothing(_ index: Int) async throws {
        let (arguments, message) = Self.badInputs[index]
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["the only ticket"])
            let result = await TestRepository.run(arguments, in: repo.root)
            #expect(result.code == 2)
            #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(try await repo.eventCount() == 1)
        }
    }

    @Test func descriptionOfExactly64KiBIsAccepted() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize()
            let result = await repo.run("create", String(repeating: "a", count: 65_536))
            #expect(result.code == 0, "\(result.stderr)")
        }
    }
}
