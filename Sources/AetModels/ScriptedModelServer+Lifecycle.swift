public import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

extension ScriptedModelServer {
    /// Serves until the task is cancelled or a graceful shutdown is triggered (the `Service`
    /// requirement). Only one `run()` at a time; a stopped server may run again.
    /// - Throws: When the address cannot be bound; ``LifecycleError/alreadyRunning``.
    public func run() async throws {
        try claimStart()
        try await serve()
    }

    /// Moves from idle or stopped to starting, so waiters wait for this run rather than fail
    /// on the previous one's end.
    private func claimStart() throws {
        let claimed = state.withLock { state -> Bool in
            switch state.lifecycle {
            case .idle, .stopped:
                state.lifecycle = .starting
                return true
            case .starting, .running:
                return false
            }
        }
        guard claimed else { throw LifecycleError.alreadyRunning }
    }

    /// Binds and serves; the caller has claimed the start.
    fileprivate func serve() async throws {
        let application = Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { [self] channel in didStart(port: channel.localAddress?.port) },
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            didStop(error)
            throw error
        }
        didStop(nil)
    }

    /// Runs the server around `body`: starts it on its host and port (127.0.0.1 and a free port by
    /// default), calls `body` with its base URL (`http://127.0.0.1:PORT`, no trailing slash; OpenAI
    /// clients want `baseURL/v1`), then shuts it down gracefully, also when `body` throws.
    /// - Parameter body: The code that uses the server.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or why the server could not start (a bind error,
    ///   ``LifecycleError/alreadyRunning``).
    public func withRunning<Value>(_ body: (URL) async throws -> Value) async throws -> Value {
        try claimStart()
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [ClaimedRun(server: self)], logger: logger)
        )
        defer { abandonStartIfNeverServed() }
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let url = try await waitUntilRunning()
                let result = try await body(url)
                await group.triggerGracefulShutdown()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// When the group ended before the server ever ran (cancelled first), the claimed start must
    /// not block a later run.
    private func abandonStartIfNeverServed() {
        let neverServed = state.withLock { state -> Bool in
            if case .starting = state.lifecycle { return true }
            return false
        }
        if neverServed { didStop(nil) }
    }

    /// Waits until the server listens and returns its base URL (`http://127.0.0.1:PORT`).
    /// - Returns: The base URL.
    /// - Throws: `CancellationError` when the waiting task is cancelled; the start error when the
    ///   server fails to start; ``LifecycleError/stopped`` when it stopped before running.
    public func waitUntilRunning() async throws -> URL {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<URL, any Error>) in
                let outcome = state.withLock { state -> Result<URL, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    switch state.lifecycle {
                    case .running(let url):
                        return .success(url)
                    case .stopped:
                        return .failure(LifecycleError.stopped)
                    case .idle, .starting:
                        state.waiters[id] = continuation
                        return nil
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func didStart(port: Int?) {
        let url = port.flatMap { URL(string: "http://\(Self.urlHost(configuration.host)):\($0)") }
        guard let url else {
            logger.error("the scripted model server started without a port")
            return
        }
        let waiters = state.withLock { state -> [CheckedContinuation<URL, any Error>] in
            state.lifecycle = .running(url)
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        logger.debug("scripted model server listening", metadata: [ModelServerLogKey.url: "\(url)"])
        for waiter in waiters { waiter.resume(returning: url) }
    }

    private func didStop(_ error: (any Error)?) {
        let waiters = state.withLock { state -> [CheckedContinuation<URL, any Error>] in
            state.lifecycle = .stopped
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        let reason = error ?? LifecycleError.stopped
        for waiter in waiters { waiter.resume(throwing: reason) }
    }

    private static func urlHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}

/// The server as a service whose start ``ScriptedModelServer/withRunning(_:)`` has already
/// claimed, so its own waiter cannot see the previous run's end.
private struct ClaimedRun: Service {
    let server: ScriptedModelServer

    func run() async throws {
        try await server.serve()
    }
}

extension ScriptedModelServer {
    /// Why the server cannot be started or waited for.
    public struct LifecycleError: Error, Hashable, CustomStringConvertible {
        private enum Code: Hashable {
            case alreadyRunning, stopped
        }

        private let code: Code

        /// `run()` or `withRunning` was called while the server runs.
        public static let alreadyRunning = LifecycleError(code: .alreadyRunning)
        /// The server stopped (or never started) while someone waited for it.
        public static let stopped = LifecycleError(code: .stopped)

        /// A sentence saying what happened.
        public var description: String {
            switch code {
            case .alreadyRunning: "the scripted model server is already running"
            case .stopped: "the scripted model server has stopped"
            }
        }
    }
}
