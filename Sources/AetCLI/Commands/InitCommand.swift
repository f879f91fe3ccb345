import AetAgents
import AetCore
import AetScheduler
import AetStore
import ArgumentParser
import Foundation
import Logging

/// `aet init [--force]`: creates `.aet/` (config, the default team of roles, store, logs, .gitignore) at the root
/// of the git repository.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up aet in this git repository: .aet/config.yaml, the roles in .aet/agents/, the store, logs.",
        discussion: """
            The roles are the default team (planner, architect, developer, reviewer, tester, integrator), \
            one Markdown file each; edit them freely. Running it again keeps the existing config, role files \
            and store, and writes only what is missing; --force rewrites config.yaml and the default role \
            files (your own role files and the store are never touched).
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Flag(help: "Rewrite .aet/config.yaml and the default role files (the store and its events are kept).")
    var force = false

    @Option(
        name: .customLong("test-command"),
        help: ArgumentHelp(
            "The project's test command, run by the test gate (sh -c). Without it, aet detects one (Package.swift: swift test, pytest, npm test, cargo test, go test ./..., make test).",
            valueName: "command"))
    var testCommand: String?

    /// What happened to one file.
    enum Outcome: String, Encodable {
        case created, kept, updated, rewritten
    }

    /// The result, as `--json` prints it.
    struct Report: Encodable {
        var root: String
        var config: Outcome
        var configPath: String
        var store: Outcome
        var storePath: String
        var events: Int64
        var gitignore: Outcome
        var agentsPath: String
        var roles: [DefaultRoleWriter.Entry]
        var testCommand: String?
    }

    func run() async throws {
        let environment = CLIEnvironment.current
        let consoleLevel = try CommandContext.consoleLevel(globals, environment)
        guard globals.store == nil else {
            throw ValidationFailure(
                "aet init creates the store inside .aet/: to keep it elsewhere, "
                    + "set store: in .aet/config.yaml after init."
            )
        }
        guard let repository = ProjectLocator.gitRepository(containing: environment.workingDirectory) else {
            throw ValidationFailure(
                "\(environment.workingDirectory) is not inside a git repository: "
                    + "run git init first, or cd into a repository."
            )
        }
        let paths = ProjectPaths(root: repository.root)
        let aet = Paths.join(paths.root, ".aet")
        if Paths.exists(aet) && !Paths.isDirectory(aet) { throw ProjectLocator.notADirectory(aet) }
        try Paths.createDirectory(paths.logsDirectory, private: true)
        // Readable by the user only: the store, logs, prompts and transcripts live here.
        Paths.restrict(aet, directory: true)
        Paths.restrict(paths.logsDirectory, directory: true)

        let (config, configOutcome) = try writeConfig(paths, repository)
        let gitignoreOutcome = try writeGitignore(paths)
        let roleWriter = DefaultRoleWriter(paths: paths)
        let roleOutcomes = try roleWriter.writeDefaults(force: force)
        let (roles, roleProblem) = roleWriter.readBack(outcomes: roleOutcomes, pipeline: config.pipeline)
        let logging = try CommandContext.loggingSetup(
            environment,
            consoleLevel: consoleLevel,
            project: paths,
            config: config
        )
        let storePath = paths.storePath(for: config)
        guard Paths.isDirectory(Paths.parent(of: storePath)) else {
            throw ValidationFailure(
                "the directory of the store \(storePath) (store: in \(paths.display(paths.configFile))) "
                    + "does not exist: create it or change store:."
            )
        }
        let storeExisted = Paths.exists(storePath)
        let now = environment.now
        let store = try SQLiteEventStore(
            path: storePath,
            now: { Timestamp(now()) },
            logger: logging.makeLogger(label: "aet.store")
        )
        let events = try await store.headPosition().rawValue

        let report = Report(
            root: paths.root,
            config: configOutcome,
            configPath: paths.configFile,
            store: storeExisted ? .kept : .created,
            storePath: storePath,
            events: events,
            gitignore: gitignoreOutcome,
            agentsPath: paths.agentsDirectory,
            roles: roles,
            testCommand: config.testCommand
        )
        logging.makeLogger(label: "aet.cli").info(
            "initialized the project",
            metadata: [LogKey.command: "init", LogKey.storePath: .string(storePath)]
        )
        let context = Output(environment: environment)
        if globals.json {
            try context.writeJSON(report)
        } else {
            var lines = describe(report, paths) + roleWriter.describe(roles)
            if report.config == .created, roleProblem == nil { lines.append("next: aet create \"describe a change\"") }
            context.write(lines: lines)
        }
        if let roleProblem { throw roleProblem }  // after the report: the rest of the project is set up
    }

    private func writeConfig(
        _ paths: ProjectPaths,
        _ repository: ProjectLocator.GitRepository
    ) throws -> (ProjectConfig, Outcome) {
        let exists = Paths.exists(paths.configFile)
        if let testCommand, testCommand.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationFailure(
                "--test-command is empty: give the command that runs the project's tests, e.g. --test-command \"swift test\"."
            )
        }
        if exists && !force {
            var config = try ProjectConfig.load(from: paths)
            guard let testCommand, testCommand != config.testCommand else { return (config, .kept) }
            // Only that key changes: the user's comments and other settings stay exactly as written.
            let original = try Paths.readText(paths.configFile) ?? ""
            let edited = ConfigTextEdit.setting("test_command", to: ProjectConfig.scalar(testCommand), in: original)
            try Paths.write(edited, to: paths.configFile)
            config = try ProjectConfig.load(from: paths)
            return (config, .updated)
        }
        let branch = ProjectLocator.currentBranch(of: repository).flatMap { branch in
            (try? BranchName.validate(branch)).map { branch }  // nil: a branch name aet refuses; use main
        }
        var config = ProjectConfig(baseBranch: branch ?? "main")
        config.testCommand = testCommand ?? TestCommandDetector.detect(in: paths.root)?.command
        try Paths.write(config.yamlText(), to: paths.configFile)
        return (config, exists ? .rewritten : .created)
    }

    private func writeGitignore(_ paths: ProjectPaths) throws -> Outcome {
        let exists = Paths.exists(paths.gitignoreFile)
        if exists && !force { return .kept }
        let text = """
            # Runtime files of aet: the event store, its WAL files, logs and ticket worktrees.
            aet.db*
            logs/
            runs/
            worktrees/
            process.lock

            """
        try Paths.write(text, to: paths.gitignoreFile)
        return exists ? .rewritten : .created
    }

    private func describe(_ report: Report, _ paths: ProjectPaths) -> [String] {
        let config = paths.display(report.configPath)
        let store = paths.display(report.storePath)
        var lines = ["aet project in \(report.root)"]
        switch report.config {
        case .created: lines.append("created \(config)")
        case .kept: lines.append("kept the existing \(config) (aet init --force rewrites it)")
        case .rewritten: lines.append("rewrote \(config)")
        case .updated: lines.append("set test_command in \(config) (everything else kept as it was)")
        }
        lines.append(
            "test command: "
                + (report.testCommand
                    ?? "none found (the test stage will be skipped; set one with aet init --test-command CMD)"))
        switch report.store {
        case .created: lines.append("created the store \(store)")
        case .kept, .updated, .rewritten: lines.append("kept the existing store \(store) (\(report.events) events)")
        }
        if report.gitignore != .kept {
            lines.append("wrote \(paths.display(paths.gitignoreFile)) (ignores the store, logs and worktrees)")
        }
        return lines
    }
}
