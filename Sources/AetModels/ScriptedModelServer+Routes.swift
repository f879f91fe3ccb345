import AetCore
import HTTPTypes
import Hummingbird
import NIOCore

extension ScriptedModelServer {
    /// One catch-all route per method: the server does its own routing in ``exchange(_:)``, so an
    /// unknown path is recorded and answered with a clear 404 like everything else.
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options]
        for method in methods {
            for path: RouterPath in ["/", "**"] {
                router.on(path, method: method) { [self] request, _ in try await respond(to: request) }
            }
        }
        return router
    }

    private func respond(to request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: configuration.maxRequestBodyBytes)
        let incoming = IncomingRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
            body: Array(body.readableBytesView)
        )
        return Self.response(from: exchange(incoming))
    }

    private static func response(from wire: WireResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = wire.contentType
        for (name, value) in wire.headers {
            if let name = HTTPField.Name(name) { headers.append(HTTPField(name: name, value: value)) }
        }
        let status = HTTPResponse.Status(code: wire.status, reasonPhrase: reasonPhrase(wire.status))
        switch wire.body {
        case .empty:
            return Response(status: status, headers: headers)
        case .json(let json):
            return Response(
                status: status,
                headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(string: json.serialized))
            )
        case .text(let text, _):
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .events(let events):
            // One write per event, so clients see a real stream and must reassemble across reads.
            let body = ResponseBody { writer in
                for event in events {
                    try await writer.write(ByteBuffer(string: event.encoded))
                }
                try await writer.finish(nil)
            }
            return Response(status: status, headers: headers, body: body)
        }
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Overloaded"
        default: ""
        }
    }
}
