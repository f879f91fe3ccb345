import AetStore
import ArgumentParser
import Logging

/// `aet verify-state`: checks hash chains and versions and diffs a replay against the projections;
/// exit 1 on any problem.
struct VerifyStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-state",
        abstract:
            "Check the log's hash chains and versions and that the projections match a replay; exit 1 on any problem."
    )

    @OptionGroup var globals: GlobalOptions

    @Option(
        name: .customLong("max-problems"),
        help: ArgumentHelp("Describe at most this many problems (all are counted).", valueName: "n")
    )
    var maxProblems = 100

    func validate() throws {
        guard maxProblems >= 1 else { throw ValidationError("--max-problems must be at least 1.") }
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "verify-state", readOnly: true)
        let store = try context.openStoreForReading()
        let report = try await store.verify(maxProblems: maxProblems)
        if !report.isClean {
            context.logger.warning(
                "verify-state found problems",
                metadata: [LogKey.problems: .stringConvertible(report.problemCount)]
            )
        }
        if context.json {
            try context.writeJSON(report)
        } else {
            context.write(lines: report.problems.map { Format.displayable($0.description) })
            context.write(Self.summary(report))
        }
        if !report.isClean { throw ExitCode.failure }
    }

    static func summary(_ report: VerificationReport) -> String {
        let checked =
            "checked \(report.events) events in \(report.streams) streams and \(report.tickets) tickets "
            + "in \(Format.seconds(report.seconds))"
        guard !report.isClean else { return "\(checked): no problems." }
        let shown = report.problems.count < report.problemCount ? " (showing the first \(report.problems.count))" : ""
        let noun = report.problemCount == 1 ? "problem" : "problems"
        return "\(checked): \(report.problemCount) \(noun)\(shown)."
    }
}
