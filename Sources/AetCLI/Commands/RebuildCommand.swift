import AetStore
import ArgumentParser
import Logging

/// `aet rebuild`: drops the projections and replays the whole log into them.
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the projections (tickets, runs, DLQ) by replaying the whole event log."
    )

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "rebuild")
        let store = try context.openStore()
        let report = try await store.rebuildProjections()
        context.logger.info(
            "rebuilt the projections",
            metadata: [
                LogKey.events: .stringConvertible(report.events), LogKey.seconds: .stringConvertible(report.seconds),
            ]
        )
        if context.json { return try context.writeJSON(report) }
        let rate = Int(report.eventsPerSecond.rounded())
        context.write(
            "rebuilt projections from \(report.events) events in \(Format.seconds(report.seconds)) (\(rate) events/s): "
                + "\(report.streams) streams, \(report.tickets) tickets."
        )
    }
}
