import AetCore

/// A response as the server will put it on the wire, built without any HTTP framework so the
/// encoders stay pure.
struct WireResponse: Sendable {
    enum Body: Sendable {
        /// One JSON document.
        case json(WireJSON)
        /// A server-sent event stream, one write per event.
        case events([ServerSentEvent])
        /// Verbatim text.
        case text(String, contentType: String)
        /// No body.
        case empty
    }

    var status: Int
    var headers: [(name: String, value: String)]
    var body: Body

    init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    var contentType: String {
        switch body {
        case .json: "application/json"
        case .events: "text/event-stream"
        case .text(_, let contentType): contentType
        case .empty: "text/plain"
        }
    }
}

/// One server-sent event: an optional `event:` line, one `data:` line, a blank line.
struct ServerSentEvent: Sendable, Hashable {
    var event: String?
    var data: String

    /// An event whose data is a JSON document.
    init(event: String? = nil, json: WireJSON) {
        self.event = event
        self.data = json.serialized
    }

    /// An event with literal data, e.g. `[DONE]`.
    init(event: String? = nil, literal: String) {
        self.event = event
        self.data = literal
    }

    /// The bytes on the wire.
    var encoded: String {
        var text = ""
        if let event { text += "event: \(event)\n" }
        text += "data: \(data)\n\n"
        return text
    }
}

/// Helpers the three encoders share.
enum WireText {
    /// Splits `text` into pieces of at most `size` characters (never splitting a character), so a
    /// streamed reply arrives in several deltas.
    static func chunks(_ text: String, size: Int) -> [String] {
        guard !text.isEmpty else { return [] }
        let size = max(1, size)
        var pieces: [String] = []
        var current = ""
        var count = 0
        for character in text {
            current.append(character)
            count += 1
            if count == size {
                pieces.append(current)
                current = ""
                count = 0
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The text of a content value that is either a string or an array of `{type, text}` parts.
    static func text(of content: WireJSON?, separator: String = "\n") -> String {
        switch content {
        case .string(let text)?:
            return text
        case .array(let parts)?:
            return parts.compactMap { part -> String? in
                if let text = part.stringValue { return text }
                return part["text"]?.stringValue
            }.joined(separator: separator)
        default:
            return ""
        }
    }

    /// The non-text parts of a content array, as `.other(type:)`.
    static func otherParts(of content: WireJSON?, textTypes: Set<String>) -> [ScriptedModel.Part] {
        guard case .array(let parts)? = content else { return [] }
        return parts.compactMap { part in
            guard let type = part["type"]?.stringValue, !textTypes.contains(type) else { return nil }
            return .other(type: type)
        }
    }

    /// A rough token count for `count_tokens`: one token per four bytes, at least one.
    static func estimatedTokens(_ text: String) -> Int {
        max(1, (text.utf8.count + 3) / 4)
    }
}

/// A request the server refuses before any rule is tried (malformed body, broken tool-result
/// ordering), answered as HTTP 400 `invalid_request_error` in the API's error shape.
struct WireRequestError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Settings the encoders need for one reply.
struct WireReplyContext: Sendable {
    /// The server's sequence number of the request, used in ids (`msg_scripted_3`).
    var sequence: Int
    /// The model name to echo.
    var model: String
    /// Characters per streamed text or argument delta.
    var chunkSize: Int
    /// The `created` timestamp (seconds) the OpenAI encoders report.
    var created: Int

    /// The id of tool call `index` (0-based): the scripted id, else a numbered one.
    func callID(_ call: ScriptedReply.ToolCall, index: Int, prefix: String) -> String {
        call.id ?? "\(prefix)_scripted_\(sequence)_\(index + 1)"
    }
}
