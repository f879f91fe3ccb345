import AetCore
import AetStore
import Foundation
import Logging

/// Everything a command needs, resolved from its options and ``CLIEnvironment/current``:
/// where the store is, the project and its config, the logger, and where output goes.
struct CommandContext: Sendable {
    /// The process environment (or the test's).
    let environment: CLIEnvironment
    /// Whether to print JSON.
    let json: Bool
    /// The `.aet/` project around the working directory, if any.
    let project: ProjectPaths?
    /// The project's config, or the defaults without a project.
    let config: ProjectConfig
    /// The store file.
    let storePath: String
    /// Logs to standard error and the project's log file.
    let logger: Logger
    /// How loggers are made (the store gets its own label).
    let logging: LoggingSetup

    /// Resolves the context of a command.
    /// - Parameters:
    ///   - options: The global options.
    ///   - command: The command's name, for log metadata and the event actor.
    /// - Throws: ``ValidationFailure`` for a bad log level, an invalid config, no project, or a store
    ///   path whose directory does not exist.
    ///   - readOnly: Whether the command only reads: it then creates no file (no log file or logs
    ///     directory that is not there yet; see ``openStoreForReading()``).
    static func resolve(
        _ options: GlobalOptions, command: String, needsStore: Bool = true, readOnly: Bool = false
    ) throws -> CommandContext {
        let environment = CLIEnvironment.current
        let consoleLevel = try consoleLevel(options, environment)
        let project = try ProjectLocator.project(containing: environment.workingDirectory)
        let config = try project.map { try ProjectConfig.load(from: $0) } ?? ProjectConfig()
        let storePath =
            needsStore || project != nil || options.store != nil
            ? try storePath(options, environment, project, config) : ""
        let logging = try loggingSetup(
            environment, consoleLevel: consoleLevel, project: project, config: config, createsFiles: !readOnly)
        var logger = logging.makeLogger(label: "aet.cli")
        logger[metadataKey: LogKey.command] = Logger.MetadataValue.string(command)
        return CommandContext(
            environment: environment,
            json: options.json,
            project: project,
            config: config,
            storePath: storePath,
            logger: logger,
            logging: logging
        )
    }

    /// Opens (creating and migrating if needed) the store.
    /// - Throws: ``StoreError`` when it cannot be opened.
    func openStore() throws -> SQLiteEventStore {
        logger.debug("opening the store", metadata: [LogKey.storePath: .string(storePath)])
        let now = environment.now
        return try SQLiteEventStore(
            path: storePath,
            now: { Timestamp(now()) },
            logger: logging.makeLogger(label: "aet.store")
        )
    }

    /// Opens the existing store for reading only: nothing is created or changed, so read commands
    /// work on a read-only `.aet/` (see ``SQLiteEventStore/init(readingOnly:logger:)``).
    /// - Throws: ``StoreError`` when there is no store or it cannot be read.
    func openStoreForReading() throws -> SQLiteEventStore {
        if let problem = StoreFile.inspect(storePath).problem(at: storePath, creating: false) {
            throw ValidationFailure(problem)
        }
        logger.debug("opening the store for reading", metadata: [LogKey.storePath: .string(storePath)])
        return try SQLiteEventStore(readingOnly: storePath, logger: logging.makeLogger(label: "aet.store"))
    }

    /// Where the command's output goes.
    var output: Output { Output(environment: environment) }

    /// Writes one line of output.
    func write(_ line: String) { output.write(line) }

    /// Writes lines of output.
    func write(lines: [String]) { output.write(lines: lines) }

    /// Writes a value as pretty, sorted JSON.
    /// - Throws: `EncodingError`.
    func writeJSON(_ value: some Encodable) throws { try output.writeJSON(value) }

    /// The event actor for commands of this CLI, e.g. `cli:create`.
    static func actor(_ command: String) -> String { "cli:\(command)" }

    static func consoleLevel(
        _ options: GlobalOptions,
        _ environment: CLIEnvironment
    ) throws(ValidationFailure) -> Logger.Level {
        if let text = options.logLevel { return try LogLevels.parse(text, source: "--log-level") }
        if let text = environment.variables["AET_LOG_LEVEL"], !text.isEmpty {
            return try LogLevels.parse(text, source: "AET_LOG_LEVEL")
        }
        return .warning
    }

    /// `--store` > `AET_STORE` > the project's configured store.
    private static func storePath(
        _ options: GlobalOptions,
        _ environment: CLIEnvironment,
        _ project: ProjectPaths?,
        _ config: ProjectConfig
    ) throws(ValidationFailure) -> String {
        let chosen: (path: String, source: String)
        if let path = options.store {
            chosen = (path, "--store")
        } else if let path = environment.variables["AET_STORE"], !path.isEmpty {
            chosen = (path, "AET_STORE")
        } else if let project {
            let path = project.storePath(for: config)
            if let problem = StoreFile.inspect(path).problem(at: path, creating: true) {
                throw ValidationFailure(problem)
            }
            return path
        } else {
            throw ValidationFailure("no aet project here: run aet init in your git repository (or pass --store PATH).")
        }
        guard !chosen.path.isEmpty else {
            throw ValidationFailure("\(chosen.source) is empty: name the store's database file.")
        }
        let path = Paths.resolve(chosen.path, against: environment.workingDirectory)
        guard !Paths.isDirectory(path) else {
            throw ValidationFailure(
                "the store \(path) (from \(chosen.source)) is a directory: "
                    + "name the database file inside it, e.g. \(Paths.join(path, "aet.db"))."
            )
        }
        if let problem = StoreFile.inspect(path).problem(at: path, creating: true) {
            throw ValidationFailure("\(chosen.source): \(problem)")
        }
        let directory = Paths.parent(of: path)
        guard Paths.isDirectory(directory) else {
            throw ValidationFailure(
                "the directory \(directory) of the store (from \(chosen.source)) does not exist: "
                    + "create it, or pass an existing path."
            )
        }
        return path
    }

    static func loggingSetup(
        _ environment: CLIEnvironment,
        consoleLevel: Logger.Level,
        project: ProjectPaths?,
        config: ProjectConfig,
        createsFiles: Bool = true
    ) throws -> LoggingSetup {
        var file: LogFile?
        if let project {
            if createsFiles {
                try Paths.createDirectory(project.logsDirectory, private: true)
                do { file = try LogFile(path: project.logFile) } catch { throw CommandFailure(error.description + ".") }
            } else if FileManager.default.isWritableFile(atPath: project.logFile) {
                file = try? LogFile(path: project.logFile)  // nil: a read command goes on without its log file
            }
        }
        let setup = LoggingSetup(
            consoleLevel: consoleLevel,
            console: environment.standardError,
            fileLevel: min(config.logLevel, consoleLevel),
            file: file,
            now: environment.now
        )
        if environment.bootstrapsLoggingSystem { setup.bootstrapOnce() }
        return setup
    }
}
