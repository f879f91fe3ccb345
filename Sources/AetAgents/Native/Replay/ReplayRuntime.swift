import AetCore
import Foundation

/// The `replay` runtime: aet's native loop with a recorded model. The recording's model replies
/// are played back in order while the tools **really run** against the worktree (path guard,
/// permission policy and all), so a recorded session reproduces its file changes in a fresh
/// worktree; only the model's words come from the file.
///
/// The recording is chosen by the configuration: ``Recording/file(_:)`` plays one file for every
/// run; ``Recording/perStage(directory:)`` plays `<directory>/<stage>.jsonl` (e.g.
/// `implement.jsonl`), so one runtime can replay a whole pipeline. A recording that runs out
/// before the loop ends fails the run with "the recording has no turn N". Usage is the recorded
/// usage; the cost is computed for the recorded model (the request's model, else the recording's)
/// or unknown.
///
/// ```swift
/// let runtime = ReplayRuntime(configuration: .init(recording: .file("/tmp/T-3.implement.1/transcript.jsonl")))
/// let outcome = try await runtime.run(request) { event in log(event) }
/// ```
public struct ReplayRuntime: AgentRuntime {
    /// Where a replay's recording comes from.
    public enum Recording: Sendable, Hashable {
        /// One `transcript.jsonl` for every run.
        case file(String)
        /// `<directory>/<stage>.jsonl` for a run of that stage.
        case perStage(directory: String)

        /// The file for a request.
        /// - Parameter request: The request.
        /// - Returns: The recording's path.
        public func path(for request: AgentRunRequest) -> String {
            switch self {
            case .file(let path): path
            case .perStage(let directory): directory + "/" + request.stage.rawValue + ".jsonl"
            }
        }
    }

    /// How a replay runs.
    public struct Configuration: Sendable, Hashable {
        /// The recording.
        public var recording: Recording
        /// aet's own environment (only allow-listed names reach `run_command`).
        public var hostEnvironment: [String: String]
        /// Prices for the recorded model.
        public var prices: PriceTable
        /// Caps and command settings of the tools.
        public var tools: NativeToolExecutor.Configuration
        /// The largest `transcript.jsonl` the replay itself writes.
        public var maxTranscriptBytes: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - recording: The recording.
        ///   - hostEnvironment: aet's own environment.
        ///   - prices: The price table.
        ///   - tools: Tool caps and command settings.
        ///   - maxTranscriptBytes: The transcript cap (default 16 MiB).
        public init(
            recording: Recording,
            hostEnvironment: [String: String] = [:],
            prices: PriceTable = .standard,
            tools: NativeToolExecutor.Configuration = NativeToolExecutor.Configuration(),
            maxTranscriptBytes: Int = 16 << 20
        ) {
            self.recording = recording
            self.hostEnvironment = hostEnvironment
            self.prices = prices
            self.tools = tools
            self.maxTranscriptBytes = maxTranscriptBytes
        }
    }

    /// How it runs.
    public let configuration: Configuration

    /// Creates the runtime.
    /// - Parameter configuration: The recording and tool settings.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// `replay`.
    public var id: RuntimeID { .replay }

    /// Recorded usage with computed cost, max turns, event streaming, tool lists.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(usageReporting: .tokensAndCost, toolLists: true, maxTurns: true, streamsEvents: true)
    }

    /// Available when the recording file (or directory) exists.
    /// - Returns: The availability, with the recording's path in the notes.
    public func probe() async -> RuntimeAvailability {
        let path: String
        switch configuration.recording {
        case .file(let file): path = file
        case .perStage(let directory): path = directory
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return RuntimeAvailability(isAvailable: false, reason: "the recording \(path) does not exist")
        }
        return RuntimeAvailability(isAvailable: true, notes: ["recording \(path)"])
    }

    /// Replays the recording for a request.
    /// - Parameters:
    ///   - request: What to do, where, within which limits.
    ///   - events: Called in order, as for ``NativeAgentRuntime``.
    /// - Returns: The outcome; ``AgentRunStatus/notAvailable(reason:)`` when the recording is
    ///   missing, ``AgentRunStatus/failed(reason:)`` when it cannot be read or runs out.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute or the run directory
    ///   cannot be prepared.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let path = configuration.recording.path(for: request)
        guard FileManager.default.fileExists(atPath: path) else {
            let reason = "the recording \(path) does not exist"
            await events(.warning(reason))
            return AgentOutcome(status: .notAvailable(reason: reason))
        }
        let client: RecordedModelClient
        do {
            client = try RecordedModelClient(contentsOf: path)
        } catch {
            await events(.warning(error.description))
            return AgentOutcome(status: .failed(reason: error.description))
        }
        let loop = NativeAgentLoop(
            runtimeID: .replay,
            client: client,
            model: request.model ?? client.recordedModel ?? "replay",
            settings: NativeLoopSettings(
                hostEnvironment: configuration.hostEnvironment,
                prices: configuration.prices,
                maxOutputTokens: 8192,
                maxTranscriptBytes: configuration.maxTranscriptBytes,
                tools: configuration.tools,
                secrets: []
            )
        )
        var outcome = try await loop.run(request, events: events)
        outcome.artifacts.others.append(path)
        return outcome
    }
}
