import AetCore
import ArgumentParser
import Testing

@testable import AetCLI

@Suite struct ParsingTests {
    @Test func createParsesItsOptions() throws {
        let parsed = try AetCommand.parseAsRoot([
            "create", "add a README", "--mode", "simple", "--priority", "-3", "--depends-on", "T-1,T-2", "--depends-on",
            "4",
            "--base", "dev", "--json",
        ])
        let command = try #require(parsed as? CreateCommand)
        #expect(command.text == "add a README")
        #expect(command.mode == "simple")
        #expect(command.priority == -3)
        #expect(try CreateCommand.parseTickets(command.dependsOn) == [TicketID(1), TicketID(2), TicketID(4)])
        #expect(command.base == "dev")
        #expect(command.globals.json)
    }

    @Test func globalOptionsParseOnEverySubcommand() throws {
        let parsed = try AetCommand.parseAsRoot(["events", "--store", "x.db", "--log-level", "debug", "--since", "5"])
        let command = try #require(parsed as? EventsCommand)
        #expect(command.globals.store == "x.db")
        #expect(command.globals.logLevel == "debug")
        #expect(command.since == 5)
        #expect(try AetCommand.parseAsRoot(["dlq"]) is DLQListCommand)
        #expect(try AetCommand.parseAsRoot(["dlq", "remove", "T-2"]) is DLQRemoveCommand)
        #expect(try AetCommand.parseAsRoot(["verify-state"]) is VerifyStateCommand)
    }

    @Test func everySubcommandIsListedOnce() {
        let names = AetCommand.subcommands.map { $0.configuration.commandName ?? "" }
        #expect(
            names == [
                "init", "create", "process", "simple", "doctor", "demo", "status", "show", "logs", "events", "cancel",
                "retry", "merge", "dlq", "rebuild", "verify-state", "bench",
            ]
        )
    }
}
