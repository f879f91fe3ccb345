import AetCore
import Foundation
import Logging
import Synchronization

extension ScriptedModelServer {
    /// A request as it arrived, free of any HTTP framework type.
    struct IncomingRequest: Sendable {
        var method: String
        var path: String
        var query: String?
        var headers: [(name: String, value: String)]
        var body: [UInt8]
    }

    /// Answers one request and records it. Synchronous and free of I/O: the routes only move
    /// bytes in and out.
    func exchange(_ incoming: IncomingRequest) -> WireResponse {
        let endpoint = Endpoint.route(method: incoming.method, path: incoming.path)
        let sequence = state.withLock { state in
            state.sequence += 1
            return state.sequence
        }
        var headers: [String: String] = [:]
        for (name, value) in incoming.headers {
            let name = name.lowercased()
            let kept = Self.redactedHeaderValue(name: name, value: value)
            headers[name] = headers[name].map { "\($0), \(kept)" } ?? kept
        }
        let bodyText = String(decoding: incoming.body, as: UTF8.self)
        let body = incoming.body.isEmpty ? nil : try? WireJSON(parsing: incoming.body)  // not JSON: answered below
        var record = RecordedRequest(
            sequence: sequence,
            method: incoming.method,
            path: incoming.path,
            query: incoming.query,
            headers: headers,
            endpoint: endpoint,
            bodyText: bodyText,
            body: body,
            modelRequest: nil,
            matchedRule: nil,
            responseStatus: 0,
            errorMessage: nil
        )
        let anthropicShaped = endpoint.api == .anthropic || headers["anthropic-version"] != nil
        var response: WireResponse
        switch endpoint.kind {
        case .probe:
            response = WireResponse(body: incoming.method == "HEAD" ? .empty : .json(["status": "ok"]))
        case .models:
            response = WireResponse(body: .json(modelList()))
        case .unknown:
            let message = "aet scripted model server: no endpoint \(incoming.method) \(incoming.path)."
            record.errorMessage = message
            response = errorResponse(
                anthropicShaped: anthropicShaped,
                status: 404,
                anthropicType: "not_found_error",
                openAIType: "invalid_request_error",
                code: "unknown_url",
                message: message
            )
        case .messages, .countTokens, .chatCompletions, .responses:
            if let required = configuration.requiredCredential {
                let presented = incoming.headers.compactMap { header -> String? in
                    switch header.name.lowercased() {
                    case "x-api-key": header.value
                    case "authorization": header.value.hasPrefix("Bearer ") ? String(header.value.dropFirst(7)) : nil
                    default: nil
                    }
                }
                record.authenticated = presented.contains(required)
            }
            if record.authenticated == false {
                record.errorMessage = "invalid credentials"
                response = errorResponse(
                    anthropicShaped: anthropicShaped, status: 401, anthropicType: "authentication_error",
                    openAIType: "invalid_request_error", code: "invalid_api_key", message: "invalid x-api-key"
                )
            } else {
                response = answerModelRequest(endpoint: endpoint, body: body, sequence: sequence, record: &record)
            }
        }
        let requestIDHeader = anthropicShaped ? "request-id" : "x-request-id"
        response.headers.append((requestIDHeader, "req_scripted_\(sequence)"))
        record.responseStatus = response.status
        logger.debug(
            "scripted model request",
            metadata: [
                ModelServerLogKey.sequence: "\(sequence)", ModelServerLogKey.endpoint: "\(endpoint)",
                ModelServerLogKey.status: "\(response.status)",
                ModelServerLogKey.rule: "\(record.matchedRule ?? "-")",
            ]
        )
        state.withLock { $0.log.append(record) }
        return response
    }

    private func answerModelRequest(
        endpoint: Endpoint,
        body: WireJSON?,
        sequence: Int,
        record: inout RecordedRequest
    ) -> WireResponse {
        let api = endpoint.api ?? .anthropic
        func refuse(_ message: String, code: String? = nil) -> WireResponse {
            record.errorMessage = message
            return errorResponse(
                anthropicShaped: api == .anthropic,
                status: 400,
                anthropicType: "invalid_request_error",
                openAIType: "invalid_request_error",
                code: code,
                message: message
            )
        }
        guard let body else { return refuse("The request body is not valid JSON.") }
        let request: ScriptedModel.Request
        do {
            let validate = configuration.validatesToolResults
            switch endpoint.kind {
            case .chatCompletions:
                request = try OpenAIChatWire.decodeRequest(body, validateToolResults: validate)
            case .responses:
                request = try OpenAIResponsesWire.decodeRequest(body, validateToolResults: validate)
            default:
                request = try AnthropicMessagesWire.decodeRequest(
                    body,
                    requireMaxTokens: endpoint == .messages,
                    validateToolResults: validate
                )
            }
        } catch let error as WireRequestError {
            return refuse(error.message)
        } catch {
            return refuse("\(error)")
        }
        record.modelRequest = request
        if endpoint == .countTokens {
            let counted = [body["system"], body["messages"], body["tools"]].compactMap { $0?.serialized }.joined()
            return WireResponse(body: .json(["input_tokens": .int(WireText.estimatedTokens(counted))]))
        }
        let reply: ScriptedReply
        switch state.withLock({ $0.book.select(for: request) }) {
        case .matched(_, let name, let rule):
            record.matchedRule = name
            do {
                reply = try rule.makeReply(request)
            } catch {
                return refuse(
                    "aet scripted model server: script error: rule \"\(name)\" failed to reply: \(error)",
                    code: "script_error"
                )
            }
        case .fallback(let fallback, let explanation):
            logger.debug("no rule matched; answering the fallback", metadata: [ModelServerLogKey.why: "\(explanation)"])
            record.matchedRule = "fallback"
            reply = fallback
        case .unmatched(let explanation):
            return refuse(explanation, code: "no_rule_matched")
        case .scriptError(let message):
            return refuse("aet scripted model server: script error: \(message)", code: "script_error")
        }
        if let failure = reply.failure {
            record.errorMessage = failure.rawBody ?? failure.message
            return failureResponse(failure, api: api)
        }
        let context = WireReplyContext(
            sequence: sequence,
            model: request.model,
            chunkSize: configuration.streamChunkSize,
            created: configuration.createdTimestamp
        )
        let streamHeaders: [(name: String, value: String)] = [("cache-control", "no-cache")]
        switch api.kind {
        case .anthropic:
            if request.stream {
                return WireResponse(
                    headers: streamHeaders,
                    body: .events(AnthropicMessagesWire.events(reply, context: context))
                )
            }
            do {
                return WireResponse(body: .json(try AnthropicMessagesWire.message(reply, context: context)))
            } catch {
                return refuse("aet scripted model server: script error: \(error)", code: "script_error")
            }
        case .openAIChat:
            guard request.stream else {
                return WireResponse(body: .json(OpenAIChatWire.completion(reply, context: context)))
            }
            let requested = body["stream_options"]?["include_usage"]?.boolValue ?? false
            let usage: OpenAIChatWire.StreamUsage
            switch configuration.chatStreamUsage.kind {
            case .whenRequested: usage = requested ? .extraChunk : .none
            case .always: usage = .extraChunk
            case .onFinishChunk: usage = .finishChunk
            case .never: usage = .none
            }
            return WireResponse(
                headers: streamHeaders,
                body: .events(OpenAIChatWire.events(reply, context: context, usage: usage))
            )
        case .openAIResponses:
            guard request.stream else {
                return WireResponse(body: .json(OpenAIResponsesWire.response(reply, context: context)))
            }
            return WireResponse(
                headers: streamHeaders,
                body: .events(OpenAIResponsesWire.events(reply, context: context))
            )
        }
    }

    private func failureResponse(_ failure: ScriptedReply.Failure, api: ModelWireAPI) -> WireResponse {
        let headers = failure.headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        if let rawBody = failure.rawBody {
            return WireResponse(
                status: failure.status,
                headers: headers,
                body: .text(rawBody, contentType: failure.contentType)
            )
        }
        var response = errorResponse(
            anthropicShaped: api == .anthropic,
            status: failure.status,
            anthropicType: failure.anthropicErrorType,
            openAIType: failure.openAIErrorType,
            code: failure.openAIErrorCode,
            message: failure.message
        )
        response.headers += headers
        return response
    }

    private func errorResponse(
        anthropicShaped: Bool,
        status: Int,
        anthropicType: String,
        openAIType: String,
        code: String?,
        message: String
    ) -> WireResponse {
        let body =
            anthropicShaped
            ? AnthropicMessagesWire.error(type: anthropicType, message: message)
            : OpenAIChatWire.error(type: openAIType, code: code, message: message)
        return WireResponse(status: status, body: .json(body))
    }

    /// A model list both OpenAI (`object`, `owned_by`) and Anthropic (`type`, `display_name`,
    /// `has_more`) clients can read.
    private func modelList() -> WireJSON {
        let names = state.withLock { $0.book.models }
        let created = configuration.createdTimestamp
        let createdAt = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(created)))
        let data: [WireJSON] = names.map { name in
            [
                "id": .string(name), "object": "model", "type": "model", "display_name": .string(name),
                "created": .int(created), "created_at": .string(createdAt), "owned_by": "aet-scripted",
            ]
        }
        return [
            "object": "list", "data": .array(data), "has_more": false,
            "first_id": names.first.map(WireJSON.string) ?? .null, "last_id": names.last.map(WireJSON.string) ?? .null,
        ]
    }
}

/// The metadata keys the scripted model server logs under.
enum ModelServerLogKey {
    static let sequence = "aet.model_server.sequence"
    static let endpoint = "aet.model_server.endpoint"
    static let status = "aet.model_server.status"
    static let rule = "aet.model_server.rule"
    static let why = "aet.model_server.why"
    static let url = "aet.model_server.url"
}
