public import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// A local HTTP server that plays a model: real agent programs (Claude Code, Codex, aider) and
/// aet's own native loops talk to it as to Anthropic or OpenAI, and it answers from a
/// ``ScriptedModel``. It records every request so a test can assert what the agent was told.
///
/// It speaks Anthropic Messages (`POST /v1/messages`, streaming and not, plus
/// `/v1/messages/count_tokens`), OpenAI Chat Completions (`POST /v1/chat/completions`), OpenAI
/// Responses (`POST /v1/responses`, as Codex streams it) and `GET /v1/models`. It binds
/// 127.0.0.1 on a free port by default.
///
/// ```swift
/// let server = ScriptedModelServer(script: ScriptedModel(rules: [
///     .init(when: .turn(1), reply: .toolCall("Write", arguments: ["file_path": "/w/a.txt", "content": "hi"])),
///     .init(when: .toolResult(for: "Write"), reply: .text("Done.")),
/// ]))
/// try await server.withRunning { baseURL in
///     // ANTHROPIC_BASE_URL=\(baseURL)  or  OPENAI_BASE_URL=\(baseURL)/v1
///     try await runTheAgent(baseURL)
/// }
/// #expect(server.requests(for: .anthropic).count == 2)
/// #expect(server.unusedRules.isEmpty)
/// ```
///
/// It is also a `Service` (``run()``) for a `ServiceGroup`; ``waitUntilRunning()`` then gives its
/// base URL.
public final class ScriptedModelServer: Service, Sendable {
    /// Server settings.
    public struct Configuration: Sendable {
        /// The address to bind; keep it on loopback.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// Characters per streamed text delta and per tool-argument fragment (small, so clients
        /// really reassemble).
        public var streamChunkSize: Int
        /// The largest request body accepted, in bytes.
        public var maxRequestBodyBytes: Int
        /// Refuse, with the real APIs' 400 errors, conversations whose tool calls and tool
        /// results do not pair up (an unanswered `tool_use`/`tool_calls`/`function_call`, or a
        /// result for a call that was never made).
        public var validatesToolResults: Bool
        /// The `created` / `created_at` timestamp OpenAI replies carry (fixed, so replies are
        /// byte-for-byte reproducible).
        public var createdTimestamp: Int
        /// Where a streamed Chat Completions reply carries its usage.
        public var chatStreamUsage: ChatStreamUsage
        /// When set, model requests must carry this credential (`x-api-key`, or `Authorization:
        /// Bearer`), else they get the real APIs' 401 `authentication_error`. The request log keeps
        /// only ``RecordedRequest/authenticated``, never the value.
        public var requiredCredential: String?

        /// The defaults: 127.0.0.1, a free port, 8-character chunks, 32 MiB bodies, tool results
        /// validated.
        public init() {
            host = "127.0.0.1"
            port = 0
            streamChunkSize = 8
            maxRequestBodyBytes = 32 << 20
            validatesToolResults = true
            createdTimestamp = 1_767_225_600
            chatStreamUsage = .whenRequested
        }
    }

    /// Where a streamed Chat Completions reply carries its usage. Real servers differ, and a
    /// client must cope with each.
    public struct ChatStreamUsage: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            case whenRequested, always, onFinishChunk, never
        }

        let kind: Kind

        /// As OpenAI: only with `stream_options.include_usage`, as an extra last chunk with empty
        /// `choices` (every other chunk then has `"usage": null`). The default.
        public static let whenRequested = ChatStreamUsage(kind: .whenRequested)
        /// The extra usage chunk even when the client did not ask for it.
        public static let always = ChatStreamUsage(kind: .always)
        /// On the chunk that carries `finish_reason` (as several OpenAI-compatible servers do), no
        /// extra chunk.
        public static let onFinishChunk = ChatStreamUsage(kind: .onFinishChunk)
        /// Never (an interrupted or minimal server).
        public static let never = ChatStreamUsage(kind: .never)
    }

    struct State: Sendable {
        var book: ScriptBook
        var log: [RecordedRequest] = []
        var sequence = 0
        var lifecycle = Lifecycle.idle
        var waiters: [Int: CheckedContinuation<URL, any Error>] = [:]
        var nextWaiter = 0
    }

    enum Lifecycle: Sendable {
        case idle
        case starting
        case running(URL)
        case stopped
    }

    /// The settings.
    public let configuration: Configuration
    let logger: Logger
    let state: Mutex<State>

    /// Creates a server; it listens once ``run()`` or ``withRunning(_:)`` starts it.
    /// - Parameters:
    ///   - script: The script that answers model requests.
    ///   - configuration: The settings.
    ///   - logger: Where the server logs (debug level); silent by default.
    public init(
        script: ScriptedModel,
        configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "aet.scripted-model-server", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(State(book: ScriptBook(script)))
    }

    // MARK: Request log

    /// Every request received so far, in order of arrival.
    public var requests: [RecordedRequest] {
        state.withLock { $0.log }.sorted { $0.sequence < $1.sequence }
    }

    /// The model requests of `api` that the script answered or refused (Messages,
    /// Chat Completions or Responses calls; not `count_tokens`, `/v1/models` or probes), in order.
    /// - Parameter api: The API.
    /// - Returns: The requests.
    public func requests(for api: ModelWireAPI) -> [RecordedRequest] {
        requests.filter { $0.endpoint.isScripted && $0.api == api }
    }

    /// The decoded model requests of every API, in order: what the agents were told.
    public var modelRequests: [ScriptedModel.Request] {
        requests.filter(\.endpoint.isScripted).compactMap(\.modelRequest)
    }

    /// Forgets the recorded requests (rule use counts are kept).
    public func clearRequests() {
        state.withLock { $0.log.removeAll() }
    }

    // MARK: Script

    /// Appends a rule after the script's rules; it applies from the next request on.
    /// - Parameter rule: The rule.
    public func add(_ rule: ScriptedModel.Rule) {
        state.withLock { $0.book.append(rule) }
    }

    /// The names of rules that have never answered although they could: a test that expects its
    /// whole script to be played asserts this is empty.
    public var unusedRules: [String] {
        state.withLock { $0.book.unusedRuleNames }
    }

    /// The base URL while the server is running (`http://127.0.0.1:PORT`), else nil.
    public var baseURL: URL? {
        state.withLock { state in
            if case .running(let url) = state.lifecycle { return url }
            return nil
        }
    }
}
