import AetAgents
import AetCore
import AetModels
import AetScheduler
import AetStore
import AetWorkspace
import ArgumentParser
import Foundation

/// `aet demo [--directory DIR]`: the whole of aet, offline, in a throwaway repository.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Show aet end to end, offline: a throwaway repo, a recorded model, one full-mode and one simple ticket.",
        discussion: """
            Creates a small git project (a shell greeting script with tests), sets aet up in it, starts a \
            recorded model in this process (served on 127.0.0.1 like a real API, so no key and no network are \
            needed), and runs two tickets with live progress: a full-mode one through plan, design, implement, \
            review (which sends it back once), test and integrate, and a simple one. aet's own agent loop \
            (the anthropic runtime), its tools and path guard, the worktrees, the test gate and the merge all \
            really run; only the model's words are recorded. The repository is left for you to look at.
            """
    )

    @OptionGroup var globals: GlobalOptions

    @Option(
        help: ArgumentHelp(
            "Where to create the demo repository (must not exist or be empty); a new temporary directory by default.",
            valueName: "path"))
    var directory: String?

    func run() async throws {
        let context = try CommandContext.resolve(globals, command: "demo", needsStore: false)
        let out = context.json ? context.environment.standardError : context.environment.standardOutput
        let root = try makeDirectory(context)
        let paths = ProjectPaths(root: root)
        out.writeLine("demo repository: \(root)")
        try await DemoRepository.create(at: paths)
        var config = ProjectConfig(baseBranch: "main")
        config.testCommand = DemoProject.testCommand
        config.defaultRuntime = "anthropic"
        config.retryBackoffSeconds = 1
        config.runtimes = ["anthropic": ["model": DemoModel.model, "streaming": "true"]]
        try Paths.createDirectory(paths.logsDirectory)
        try Paths.write(config.yamlText(), to: paths.configFile)
        _ = try DefaultRoleWriter(paths: paths).writeDefaults(force: false)
        try await DemoRepository.commitConfiguration(at: paths)

        let server = ScriptedModelServer(script: DemoModel.script)
        let printer = ProgressPrinter(sink: out, variables: context.environment.variables)
        let summary = try await server.withRunning { baseURL in
            var variables = context.environment.variables
            variables["ANTHROPIC_BASE_URL"] = baseURL.absoluteString
            variables["ANTHROPIC_API_KEY"] = "demo-recorded-model"
            let setup = try PipelineSetup.make(
                context, project: paths, config: config, storePath: paths.storePath(for: config),
                hostEnvironment: variables,
                override: nil, command: "demo", progress: { printer.print($0) })
            defer { try? setup.store.close() }  // best effort: the demo is over
            let service = TicketService(store: setup.store, actor: CommandContext.actor("demo"))
            let full = try await service.create(TicketDraft(description: DemoProject.fullTicket, mode: .full))
            let simple = try await service.create(TicketDraft(description: DemoProject.simpleTicket, mode: .simple))
            out.writeLine("created \(full) (full mode): \(DemoProject.fullTicket)")
            out.writeLine("created \(simple) (simple mode): \(DemoProject.simpleTicket)")
            out.writeLine("")
            let report = try await InterruptHandling.run(enabled: context.environment.handlesSignals) {
                try await PipelineRunner(environment: setup.environment).run(RunnerOptions())
            }
            return try await DemoSummary.make(
                store: setup.store, tickets: [full, simple], root: root, git: setup.environment.workspaces.git,
                interrupted: report.interrupted)
        }
        out.writeLine("")
        if context.json {
            try context.writeJSON(summary)
        } else {
            context.write(lines: summary.lines(aet: context.environment.invocation))
        }
        if !summary.succeeded { throw ExitCode(1) }
    }

    private func makeDirectory(_ context: CommandContext) throws -> String {
        let path: String
        if let directory {
            path = Paths.resolve(directory, against: context.environment.workingDirectory)
            if Paths.exists(path) {
                // nil: not a directory
                let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]
                guard contents.isEmpty else {
                    throw ValidationFailure(
                        "\(path) exists and is not empty: name a new directory for the demo, or leave --directory out.")
                }
            }
        } else {
            let stamp = Int(context.environment.now().timeIntervalSince1970)
            path = Paths.join(
                FileManager.default.temporaryDirectory.path, "aet-demo-\(stamp)-\(UInt16.random(in: 0...UInt16.max))")
        }
        try Paths.createDirectory(path)
        return (path as NSString).resolvingSymlinksInPath
    }
}
