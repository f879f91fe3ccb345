public import AsyncHTTPClient
import Foundation

/// aet's own agent: a tool loop over a model API (`anthropic`: Anthropic Messages; `openai`:
/// OpenAI-compatible Chat Completions, which also covers Ollama, vLLM, llama.cpp and LM Studio).
///
/// The loop sends the role's instructions (plus tool guidance, plus the verdict contract when the
/// request has an output schema) and the prompt, runs the model's tool calls in the worktree
/// (``NativeToolExecutor``: path-guarded file tools, `run_command` through the process supervisor
/// as the permission policy allows), feeds the results back, and repeats until the model answers
/// without tool calls. Limits: `maxTurns` → ``AgentRunStatus/maxTurns``; `maxTokens` /
/// `maxCostMicros` → ``AgentRunStatus/budgetExceeded(_:)``; the wall clock and the idle timeout (no
/// model reply for that long) → ``AgentRunStatus/timedOut(_:)``; cancellation →
/// ``AgentRunStatus/cancelled``; an API failure after retries → ``AgentRunStatus/failed(reason:)``.
/// Usage comes from every reply (``AgentEvent/usage(_:cumulative:)`` deltas), the cost from the
/// ``PriceTable``. Every run writes `transcript.jsonl` in its run directory (see
/// ``TranscriptRecord``), which the `replay` runtime can play back.
///
/// ```swift
/// let runtime = NativeAgentRuntime(
///     provider: .anthropic,
///     configuration: .init(hostEnvironment: ProcessInfo.processInfo.environment))  // read at the edge
/// let outcome = try await runtime.run(request) { event in log(event) }
/// ```
public struct NativeAgentRuntime: AgentRuntime {
    /// The runtime's id: `anthropic`, `openai`, or what a custom client was given.
    public let id: RuntimeID
    /// How it reaches the model and runs tools.
    public let configuration: Configuration
    /// The model when the request names none.
    public let defaultModel: String
    private let client: any ModelClient
    private let availability: RuntimeAvailability
    /// Where the key comes from (never the key), or nil; and whether a missing key is the problem.
    private var credentials: (source: String?, missing: Bool) = (nil, false)

    /// Creates the `anthropic` or `openai` runtime over HTTP.
    /// - Parameters:
    ///   - provider: ``NativeProvider/anthropic`` or ``NativeProvider/openai``.
    ///   - configuration: Endpoint, model, client and tool settings.
    ///   - httpClient: The HTTP client; nil (the default) for one owned by each model call.
    public init(provider: NativeProvider, configuration: Configuration, httpClient: HTTPClient? = nil) {
        let endpoint = provider.endpoint(for: configuration)
        let client: any ModelClient =
            provider.runtimeID == .openai
            ? OpenAIChatClient(endpoint: endpoint, configuration: configuration.client, httpClient: httpClient)
            : AnthropicMessagesClient(endpoint: endpoint, configuration: configuration.client, httpClient: httpClient)
        var notes = ["base URL \(endpoint.baseURL)", configuration.client.streaming ? "streaming" : "not streaming"]
        notes.append(endpoint.hasKey ? "API key from configuration or \(provider.apiKeyVariable)" : "no API key")
        let reason = endpoint.unavailableReason(keyVariable: provider.apiKeyVariable)
        self.init(
            id: provider.runtimeID,
            client: client,
            defaultModel: configuration.defaultModel ?? provider.defaultModel,
            configuration: configuration,
            availability: RuntimeAvailability(isAvailable: reason == nil, reason: reason, notes: notes)
        )
        let keySource = configuration.apiKey?.isEmpty == false ? "the configured API key" : provider.apiKeyVariable
        credentials = (
            endpoint.hasKey ? keySource : (endpoint.isLoopback ? "none needed (loopback base URL)" : nil),
            !endpoint.hasKey && !endpoint.isLoopback && URL(string: endpoint.baseURL)?.host != nil
        )
    }

    /// Creates a native runtime over any model client (a test double, a gateway).
    /// - Parameters:
    ///   - id: The runtime's id.
    ///   - client: The model client.
    ///   - defaultModel: The model when the request names none.
    ///   - configuration: Tool, price and transcript settings (endpoint fields are not used).
    ///   - availability: What ``probe()`` answers; available by default.
    public init(
        id: RuntimeID,
        client: any ModelClient,
        defaultModel: String,
        configuration: Configuration = Configuration(),
        availability: RuntimeAvailability = RuntimeAvailability(isAvailable: true)
    ) {
        self.id = id
        self.client = client
        self.defaultModel = defaultModel
        self.configuration = configuration
        self.availability = availability
    }

    /// Token usage with computed cost, max turns, event streaming, tool lists.
    public var capabilities: RuntimeCapabilities {
        RuntimeCapabilities(usageReporting: .tokensAndCost, toolLists: true, maxTurns: true, streamsEvents: true)
    }

    /// Available when there is an API key or the base URL is on loopback; the notes give the base
    /// URL (never the key).
    /// - Returns: The availability.
    public func probe() async -> RuntimeAvailability { availability }

    /// Ready with an API key or a loopback base URL; not authenticated without a key for a remote
    /// one; unusable with an invalid base URL.
    /// - Returns: The readiness, naming the key's source (never the key).
    public func readiness() async -> RuntimeReadiness {
        if credentials.missing, let reason = availability.reason {
            return RuntimeReadiness(status: .notAuthenticated(fix: "\(id): \(reason)."), availability: availability)
        }
        var readiness = RuntimeReadiness.fromProbe(availability)
        readiness.credentials = credentials.source
        return readiness
    }

    /// Runs the native loop for a request.
    /// - Parameters:
    ///   - request: What to do, where, within which limits.
    ///   - events: Called in order with `started`, texts, tool calls and results, file changes,
    ///     commands, usage, security refusals and warnings.
    /// - Returns: The outcome; ``AgentRunStatus/notAvailable(reason:)`` without a usable endpoint.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute or the run directory
    ///   cannot be prepared.
    public func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        guard availability.isAvailable else {
            let reason = availability.reason ?? "the runtime is not available"
            await events(.warning(reason))
            return AgentOutcome(status: .notAvailable(reason: reason))
        }
        let loop = NativeAgentLoop(
            runtimeID: id,
            client: client,
            model: request.model ?? defaultModel,
            settings: configuration.loopSettings
        )
        return try await loop.run(request, events: events)
    }
}
