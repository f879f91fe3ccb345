public import AetAgents
import Foundation
import Synchronization

/// Collects the events a callback receives, from any task, in order: hand `recorder.record` to a
/// runtime (`events:`), a supervisor (`onEvent:`) or a scheduler (`progress:`), then read what arrived
/// or wait for an event (bounded, no polling).
///
/// ```swift
/// let recorder = AgentEventRecorder()
/// let outcome = try await runtime.run(request, events: recorder.record)
/// #expect(recorder.warnings.isEmpty)
/// ```
public final class EventRecorder<Event: Sendable>: Sendable {
    private struct Waiter {
        let predicate: @Sendable (Event) -> Bool
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var events: [Event] = []
        var waiters: [UUID: Waiter] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty recorder.
    public init() {}

    /// Records `event` and wakes the ``wait(timeout:for:)`` calls it satisfies.
    public func record(_ event: Event) {
        let satisfied = state.withLock { state in
            let ids = state.waiters.filter { $0.value.predicate(event) }.keys
            state.events.append(event)
            return ids.compactMap { state.waiters.removeValue(forKey: $0)?.continuation }
        }
        for continuation in satisfied { continuation.resume(returning: true) }
    }

    /// Every event so far, in order.
    public var all: [Event] { state.withLock { $0.events } }

    /// Waits until an event matching `predicate` arrives (or has arrived), at most `timeout`.
    /// - Returns: false when the timeout passed first.
    public func wait(timeout: Duration = .seconds(120), for predicate: @escaping @Sendable (Event) -> Bool) async
        -> Bool
    {
        let id = UUID()
        return await withCheckedContinuation { continuation in
            let arrived = state.withLock { state in
                if state.events.contains(where: predicate) { return true }
                state.waiters[id] = Waiter(predicate: predicate, continuation: continuation)
                return false
            }
            guard !arrived else { return continuation.resume(returning: true) }
            Task {
                try? await Task.sleep(for: timeout)  // nil: cancelled, which never happens here
                state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: false)
            }
        }
    }
}

/// Records the ``AgentEvent``s of an agent runtime.
public typealias AgentEventRecorder = EventRecorder<AgentEvent>

extension EventRecorder where Event == AgentEvent {
    /// The first start event.
    public var start: AgentStart? {
        all.lazy.compactMap { if case .started(let start) = $0 { start } else { nil } }.first
    }
    /// The texts of the raw output lines.
    public var rawLines: [String] { all.compactMap { if case .rawLine(_, let text) = $0 { text } else { nil } } }
    /// The warnings.
    public var warnings: [String] { all.compactMap { if case .warning(let text) = $0 { text } else { nil } } }
    /// The assistant's texts.
    public var texts: [String] { all.compactMap { if case .assistantText(let text, _) = $0 { text } else { nil } } }
    /// The tool calls.
    public var toolCalls: [ToolCall] { all.compactMap { if case .toolCall(let call) = $0 { call } else { nil } } }
    /// The tool results.
    public var toolResults: [ToolResult] {
        all.compactMap { if case .toolResult(let result) = $0 { result } else { nil } }
    }
    /// The security refusals.
    public var refusals: [SecurityRefusal] {
        all.compactMap { if case .securityViolation(let refusal) = $0 { refusal } else { nil } }
    }
    /// The file changes as `<kind> <path>`, e.g. `created hello.txt`.
    public var fileChanges: [String] {
        all.compactMap { if case .fileChanged(let path, let kind) = $0 { "\(kind.rawValue) \(path)" } else { nil } }
    }
    /// The commands as `<command> → <exit code or nil>`.
    public var commands: [String] {
        all.compactMap {
            if case .commandRan(let command, let code) = $0 {
                "\(command) → \(code.map(String.init) ?? "nil")"
            } else {
                nil
            }
        }
    }
    /// The usage samples that are not cumulative.
    public var usageSamples: [UsageSample] {
        all.compactMap { if case .usage(let sample, false) = $0 { sample } else { nil } }
    }
}

/// Records what a ``ProcessSupervisor`` reports: the spawn and each output line.
public typealias SupervisedEventRecorder = EventRecorder<SupervisedEvent>

extension EventRecorder where Event == SupervisedEvent {
    /// Records `event` and lets the process go on: the callback for ``ProcessSupervisor/run(_:onEvent:)``.
    public func record(_ event: SupervisedEvent) -> OutputDisposition {
        record(event) as Void
        return .proceed
    }

    /// The output lines.
    public var lines: [OutputLine] { all.compactMap { if case .line(let line) = $0 { line } else { nil } } }
    /// The texts of the output lines.
    public var texts: [String] { lines.map(\.text) }
    /// The texts of the lines of one stream.
    public func texts(_ stream: StandardStream) -> [String] { lines.filter { $0.stream == stream }.map(\.text) }
    /// The ids of the spawned processes.
    public var spawnedPIDs: [Int32] {
        all.compactMap { if case .spawned(let pid, _) = $0 { pid } else { nil } }
    }

    /// The value after `prefix` on the first line that starts with it.
    public func value(after prefix: String) -> String? {
        texts.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
}
