import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Folds a provider's server-sent events into one model turn.
protocol ModelStreamAccumulator: Sendable {
    init()
    mutating func consume(_ event: ServerSentEvent) throws(ModelAPIError)
    func turn() throws(ModelAPIError) -> ModelTurn
}

extension AnthropicStreamAccumulator: ModelStreamAccumulator {}
extension OpenAIChatStreamAccumulator: ModelStreamAccumulator {}

/// Reads a 2xx model reply: an event stream through the provider's accumulator when streaming was
/// asked for and the server streams, else one JSON body through `decode`.
enum ModelReplyReader {
    static func turn<Accumulator: ModelStreamAccumulator>(
        from response: HTTPClientResponse,
        streaming: Bool,
        accumulating _: Accumulator.Type,
        decode: (String) throws -> ModelTurn
    ) async throws -> ModelTurn {
        let contentType = response.headers.first(name: "content-type") ?? ""
        if streaming && contentType.contains("text/event-stream") {
            var parser = ServerSentEventParser()
            var accumulator = Accumulator()
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) { try accumulator.consume(event) }
            }
            for event in parser.finish() { try accumulator.consume(event) }
            return try accumulator.turn()
        }
        let body = try await response.body.collect(upTo: ModelHTTPTransport.maxBodyBytes)
        return try decode(String(buffer: body))
    }
}
