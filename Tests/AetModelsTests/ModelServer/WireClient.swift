import AetCore
import AetModels
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small HTTP client for the wire tests: sends what an agent would send and parses what comes
/// back exactly as a client must (JSON bodies, server-sent events split across reads).
struct WireClient {
    let baseURL: URL
    var timeout: TimeAmount = .seconds(30)

    /// A whole (non-streamed) response.
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var text: String

        /// The first value of header `name`.
        func header(_ name: String) -> String? { headers[name].first }

        /// The body as JSON; fails the test when it is not JSON.
        func json() throws -> WireJSON { try WireJSON(parsing: text) }
    }

    /// A streamed response, parsed into events.
    struct Stream {
        var status: Int
        var headers: HTTPHeaders
        var events: [SSEEvent]

        /// The first value of header `name`.
        func header(_ name: String) -> String? { headers[name].first }
        /// How many body reads it took (at least one per event when the server writes each event
        /// separately and the client reads them as they come; not asserted, TCP may merge them).
        var reads: Int

        /// The event names, in order (nil for `data:`-only events).
        var names: [String?] { events.map(\.event) }
        /// The data of every event, decoded as JSON (`[DONE]` and other non-JSON data skipped).
        var payloads: [WireJSON] { events.compactMap(\.json) }
    }

    /// One server-sent event.
    struct SSEEvent: Equatable {
        var event: String?
        var data: String
        var json: WireJSON? { try? WireJSON(parsing: data) }
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send(method: .GET, path, body: nil, headers: headers)
    }

    func head(_ path: String) async throws -> Reply {
        try await send(method: .HEAD, path, body: nil, headers: [])
    }

    func post(_ path: String, json: WireJSON, headers: [(String, String)] = []) async throws -> Reply {
        try await send(method: .POST, path, body: json.serialized, headers: headers)
    }

    func post(_ path: String, rawBody: String, headers: [(String, String)] = []) async throws -> Reply {
        try await send(method: .POST, path, body: rawBody, headers: headers)
    }

    func send(method: HTTPMethod, _ path: String, body: String?, headers: [(String, String)]) async throws -> Reply {
        let response = try await HTTPClient.shared.execute(makeRequest(method, path, body, headers), timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: buffer))
    }

    /// Posts `json` and reads the reply as a server-sent event stream, chunk by chunk.
    func stream(_ path: String, json: WireJSON, headers: [(String, String)] = []) async throws -> Stream {
        let request = makeRequest(.POST, path, json.serialized, headers + [("accept", "text/event-stream")])
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        var parser = SSEParser()
        var reads = 0
        for try await chunk in response.body {
            reads += 1
            parser.feed(String(buffer: chunk))
        }
        parser.finish()
        return Stream(status: Int(response.status.code), headers: response.headers, events: parser.events, reads: reads)
    }

    private func makeRequest(
        _ method: HTTPMethod,
        _ path: String,
        _ body: String?,
        _ headers: [(String, String)]
    )
        -> HTTPClientRequest
    {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        return request
    }
}

/// An incremental SSE parser: lines may be split anywhere across reads.
struct SSEParser {
    private(set) var events: [WireClient.SSEEvent] = []
    private var pending = ""
    private var event: String?
    private var data: [String] = []

    mutating func feed(_ text: String) {
        pending += text
        while let newline = pending.firstIndex(of: "\n") {
            let line = String(pending[..<newline])
            pending = String(pending[pending.index(after: newline)...])
            take(line)
        }
    }

    mutating func finish() {
        if !pending.isEmpty { take(pending) }
        pending = ""
        take("")
    }

    private mutating func take(_ line: String) {
        if line.isEmpty {
            if !data.isEmpty || event != nil {
                events.append(.init(event: event, data: data.joined(separator: "\n")))
            }
            event = nil
            data = []
        } else if line.hasPrefix("event:") {
            event = line.dropFirst("event:".count).trimmingCharacters(in: .whitespaces)
        } else if line.hasPrefix("data:") {
            var value = line.dropFirst("data:".count)
            if value.first == " " { value = value.dropFirst() }
            data.append(String(value))
        }
    }
}

extension ScriptedModelServer {
    /// Runs the server and hands the test a client for it.
    func withClient<Value>(_ body: (WireClient) async throws -> Value) async throws -> Value {
        try await withRunning { baseURL in try await body(WireClient(baseURL: baseURL)) }
    }
}

extension WireJSON {
    /// A path through objects and arrays, e.g. `json[path: "choices", 0, "message", "content"]`.
    subscript(path keys: any PathKey...) -> WireJSON? {
        var current: WireJSON? = self
        for key in keys {
            if let name = key as? String {
                current = current?[name]
            } else if let index = key as? Int {
                current = current?[index]
            }
        }
        return current
    }
}

protocol PathKey {}
extension String: PathKey {}
extension Int: PathKey {}
