import Foundation
import Logging
import Synchronization

/// How a command logs: people's lines on standard error at one level, JSON lines in
/// `.aet/logs/aet.log` at another.
struct LoggingSetup: Sendable {
    /// The lowest level shown on standard error (`--log-level`, `AET_LOG_LEVEL`; warning by default).
    var consoleLevel: Logger.Level
    /// Standard error.
    var console: TextSink
    /// The lowest level written to the file.
    var fileLevel: Logger.Level
    /// The project's log file, when there is a project.
    var file: LogFile?
    /// The clock for log timestamps.
    var now: @Sendable () -> Date

    /// The handler for one logger label.
    func makeHandler(label: String) -> any LogHandler {
        let console = TextLogHandler(label: label, output: console, logLevel: consoleLevel)
        guard let file else { return console }
        return MultiplexLogHandler([
            console, JSONLinesLogHandler(label: label, file: file, logLevel: fileLevel, now: now),
        ])
    }

    /// A logger using these handlers, without touching the global logging system.
    func makeLogger(label: String) -> Logger {
        Logger(label: label) { makeHandler(label: $0) }
    }

    /// Installs these handlers globally, once per process (only the real `main` path asks for it).
    func bootstrapOnce() {
        let alreadyDone = Self.bootstrapped.withLock { done in
            defer { done = true }
            return done
        }
        guard !alreadyDone else { return }
        let setup = self
        LoggingSystem.bootstrap { setup.makeHandler(label: $0) }
    }

    /// swift-log allows one bootstrap per process; this remembers whether it happened.
    private static let bootstrapped = Mutex(false)
}
