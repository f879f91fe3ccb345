import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into task cancellation for the length of a long command, so
/// agent processes are stopped, their runs recorded as interrupted, and nothing is lost. A second
/// Ctrl-C while stopping ends the process at once (exit 130).
enum InterruptHandling {
    static func run<T: Sendable>(enabled: Bool, onInterrupt: @escaping @Sendable () -> Void = {}, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard enabled else { return try await body() }
        let task = Task { try await body() }
        let queue = DispatchQueue(label: "aet.signals")
        let count = Counter()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 { exit(130) }
                onInterrupt()
                task.cancel()
            }
            source.resume()
            sources.append(source)
        }
        defer {
            for source in sources { source.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return try await task.value
    }

    private final class Counter: @unchecked Sendable {  // only touched on the signal queue
        private var value = 0
        func increment() -> Int {
            value += 1
            return value
        }
    }
}
