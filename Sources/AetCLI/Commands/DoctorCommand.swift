import AetAgents
import AetCore
import AetScheduler
import AetWorkspace
import ArgumentParser
import Foundation

/// `aet doctor`: which runtimes are installed and configured, and whether the project is ready.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Report which agent runtimes are installed and have credentials, and whether this project is ready to run tickets.",
        discussion: """
            For each runtime: whether it is ready, its program's path and version, which credentials it uses \
            (the variable or login file, never the value), and how to fix what is missing. Exit status 0 when \
            the project's roles can run (their runtimes are ready), 1 otherwise.
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Option(help: RuntimeNames.help("Check as if this runtime were chosen (like aet process --runtime)"))
    var runtime: String?

    struct RuntimeReport: Encodable {
        var runtime: String
        /// `ready`, `not_installed`, `not_authenticated` or `unusable`.
        var status: String
        var ready: Bool
        var available: Bool
        var executable: String?
        var version: String?
        var reason: String?
        /// Where the credentials come from (never their value).
        var credentials: String?
        /// What to do when it is not ready.
        var fix: String?
        var notes: [String]
        var usedBy: [String]
    }

    struct Report: Encodable {
        var project: String?
        var testCommand: String?
        var git: String?
        var runtimes: [RuntimeReport]
        var problems: [String]
    }

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "doctor", needsStore: false)
        let override = try PipelineSetup.runtimeOverride(runtime, context.environment.variables["AET_RUNTIME"])
        let factory = RuntimeFactory(
            config: context.config, hostEnvironment: context.environment.variables,
            override: override, root: context.project?.root ?? context.environment.workingDirectory)
        var problems: [String] = []
        var usedBy: [String: [String]] = [:]
        if let project = context.project {
            do {
                let roles = try project.roleLoader.load()
                try roles.check(context.config.pipeline)
                for stage in context.config.pipeline.stages {
                    guard let role = roles[stage.role] else { continue }
                    let id = role.runsProjectTestCommand ? "command" : factory.runtimeID(for: role).rawValue
                    usedBy[id, default: []].append(role.name)
                }
            } catch {
                problems.append("\(error)")
            }
            if context.config.testCommand == nil {
                problems.append(
                    "no test_command in .aet/config.yaml: the test stage will be skipped (aet init --test-command CMD)")
            }
        } else {
            problems.append("no aet project here: run aet init in your git repository")
        }
        var reports: [RuntimeReport] = []
        for (id, made) in factory.allRuntimes() {
            let users = usedBy[id.rawValue] ?? []
            switch made {
            case .success(let runtime):
                let readiness = await runtime.readiness()
                let availability = readiness.availability
                reports.append(
                    RuntimeReport(
                        runtime: id.rawValue, status: readiness.code, ready: readiness.isReady,
                        available: availability.isAvailable, executable: availability.executablePath,
                        version: availability.version, reason: availability.reason,
                        credentials: readiness.credentials, fix: readiness.problem,
                        notes: availability.notes, usedBy: users))
                if let problem = readiness.problem, !users.isEmpty {
                    problems.append(
                        "\(users.joined(separator: ", ")) use\(users.count == 1 ? "s" : "") \(id), which is not ready: \(problem)"
                    )
                }
            case .failure(let error):
                reports.append(
                    RuntimeReport(
                        runtime: id.rawValue, status: "unusable", ready: false, available: false,
                        reason: "\(error)", fix: "\(error)", notes: [], usedBy: users))
                if !users.isEmpty { problems.append("\(users.joined(separator: ", ")) use \(id): \(error)") }
            }
        }
        // nil: git missing, reported
        let git = try? await Git().run(["--version"], in: context.environment.workingDirectory).standardOutput
        if git == nil { problems.append("git is not installed or not on PATH") }
        let report = Report(
            project: context.project?.root, testCommand: context.config.testCommand,
            git: git?.trimmingCharacters(in: .whitespacesAndNewlines), runtimes: reports, problems: problems)
        if context.json {
            try context.writeJSON(report)
        } else {
            context.write(lines: describe(report))
        }
        if problems.contains(where: { !$0.hasPrefix("no test_command") }) { throw ExitCode(1) }
    }

    private func describe(_ report: Report) -> [String] {
        var lines = [
            "project: \(report.project ?? "none")", "git: \(report.git ?? "missing")",
            "test command: \(report.testCommand ?? "none (the test stage is skipped)")", "", "runtimes:",
        ]
        for runtime in report.runtimes {
            let state = runtime.ready ? "ok" : runtime.status.replacingOccurrences(of: "_", with: " ")
            var line = "  \(runtime.runtime.padding(toLength: 10, withPad: " ", startingAt: 0)) \(state)"
            if let version = runtime.version { line += " \(version)" }
            if let executable = runtime.executable { line += " (\(executable))" }
            if !runtime.usedBy.isEmpty { line += " — used by \(runtime.usedBy.joined(separator: ", "))" }
            lines.append(line)
            if let credentials = runtime.credentials { lines.append("      credentials: \(credentials)") }
            if let fix = runtime.fix { lines.append("      fix: \(fix)") }
            for note in runtime.notes { lines.append("      \(note)") }
        }
        if !report.problems.isEmpty {
            lines.append("")
            lines.append("problems:")
            lines += report.problems.map { "  - \($0)" }
        }
        return lines
    }
}
