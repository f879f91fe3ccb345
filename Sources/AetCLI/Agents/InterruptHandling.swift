import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) into task cancellation for the
/// length of a long command, so agent processes are stopped (their whole process groups), their runs
/// recorded as interrupted, and nothing is lost. The command then exits with 128 + the signal's
/// number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. A second signal while stopping ends the
/// process at once, with 128 + that signal's number.
enum InterruptHandling {
    /// The signals handled.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `body`, cancelling it on the first signal.
    /// - Returns: What `body` returned.
    static func run<T: Sendable>(
        enabled: Bool, onInterrupt: @escaping @Sendable () -> Void = {},
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await runReportingSignal(enabled: enabled, onInterrupt: { _ in onInterrupt() }, body).value
    }

    /// Runs `body`, cancelling it on the first signal.
    /// - Returns: What `body` returned, and the signal that interrupted it (nil: none).
    static func runReportingSignal<T: Sendable>(
        enabled: Bool, onInterrupt: @escaping @Sendable (Int32) -> Void = { _ in },
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> (value: T, signal: Int32?) {
        guard enabled else { return (try await body(), nil) }
        let task = Task { try await body() }
        let queue = DispatchQueue(label: "aet.signals")
        let received = Received()
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.record(number) > 1 { exit(128 + number) }
                onInterrupt(number)
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        defer {
            for source in sources { source.cancel() }
            for number in signals { signal(number, SIG_DFL) }
        }
        let value = try await task.value
        return (value, queue.sync { received.first })
    }

    /// The exit status for a command stopped by `signal`: 128 + its number.
    static func exitCode(for signal: Int32) -> Int32 { 128 + signal }

    /// What a signal is called in messages: Ctrl-C, SIGTERM, SIGHUP.
    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "Ctrl-C"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signal)"
        }
    }

    private final class Received: @unchecked Sendable {  // only touched on the signal queue
        private(set) var first: Int32?
        private var count = 0
        func record(_ signal: Int32) -> Int {
            if first == nil { first = signal }
            count += 1
            return count
        }
    }
}
