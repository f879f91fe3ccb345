/// One line of a native run's `transcript.jsonl` (format version 1), also what the `replay`
/// runtime reads.
///
/// ```
/// {"type":"start","version":1,"runtime":"anthropic","model":"claude-sonnet-4-5","system":"…","prompt":"…","tools":["read_file",…]}
/// {"type":"turn","turn":1,"model":"…","stop_reason":"tool_use","blocks":[{"type":"tool_use","id":"toolu_1","name":"write_file","input":{…}}],"usage":{"input":100,"output":20,"cache_read":0,"cache_write":0}}
/// {"type":"tool_results","turn":1,"results":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Wrote 3 bytes …"}]}
/// {"type":"turn","turn":2,"stop_reason":"end_turn","blocks":[{"type":"text","text":"Done."}],"usage":{…}}
/// {"type":"end","status":"succeeded","turns":2,"usage":{…}}
/// ```
///
/// Only `turn` records matter to a replay (their `blocks`, `stop_reason` and `usage`; `start`'s
/// `model` prices it); a hand-written recording may hold just those. Blocks use the Anthropic
/// content-block shape. A transcript that reached its size cap ends with `{"type":"truncated"}`.
public struct TranscriptRecord: Sendable, Hashable, Codable {
    /// The kind of a record.
    public enum Kind: String, Sendable, Hashable, Codable {
        case start
        case turn
        case toolResults = "tool_results"
        case end
        case truncated
    }

    /// Token counts as a transcript stores them.
    public struct Usage: Sendable, Hashable, Codable {
        public var input: Int64
        public var output: Int64
        public var cacheRead: Int64
        public var cacheWrite: Int64

        private enum CodingKeys: String, CodingKey {
            case input, output
            case cacheRead = "cache_read"
            case cacheWrite = "cache_write"
        }

        /// Copies token counts.
        /// - Parameter usage: The counts.
        public init(_ usage: TokenUsage) {
            input = usage.input
            output = usage.output
            cacheRead = usage.cacheRead
            cacheWrite = usage.cacheWrite
        }

        /// Decodes counts; missing fields are 0.
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` when a field is not a number.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            input = try container.decodeIfPresent(Int64.self, forKey: .input) ?? 0
            output = try container.decodeIfPresent(Int64.self, forKey: .output) ?? 0
            cacheRead = try container.decodeIfPresent(Int64.self, forKey: .cacheRead) ?? 0
            cacheWrite = try container.decodeIfPresent(Int64.self, forKey: .cacheWrite) ?? 0
        }

        /// The counts.
        public var tokens: TokenUsage {
            TokenUsage(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite)
        }
    }

    /// The kind of record.
    public var type: Kind
    /// The format version (`start` only).
    public var version: Int?
    /// The runtime (`start`).
    public var runtime: String?
    /// The model asked (`start`) or that answered (`turn`).
    public var model: String?
    /// The system prompt (`start`).
    public var system: String?
    /// The prompt (`start`).
    public var prompt: String?
    /// The tools offered (`start`).
    public var tools: [String]?
    /// The turn, from 1 (`turn`, `tool_results`).
    public var turn: Int?
    /// The model's blocks (`turn`).
    public var blocks: [ContentBlock]?
    /// Why the model stopped (`turn`).
    public var stopReason: ModelStopReason?
    /// Tokens (`turn`: of that reply; `end`: of the run).
    public var usage: Usage?
    /// The tool results (`tool_results`), as `tool_result` blocks.
    public var results: [ContentBlock]?
    /// The run's status (`end`), e.g. `succeeded`.
    public var status: String?
    /// Why the run did not succeed (`end`).
    public var reason: String?
    /// Turns taken (`end`).
    public var turns: Int?

    private enum CodingKeys: String, CodingKey {
        case type, version, runtime, model, system, prompt, tools, turn, blocks
        case stopReason = "stop_reason"
        case usage, results, status, reason, turns
    }

    /// Creates a record of a kind; set the fields that kind carries.
    /// - Parameter type: The kind.
    public init(type: Kind) {
        self.type = type
    }

    /// The record of one model reply.
    /// - Parameters:
    ///   - turn: The turn, from 1.
    ///   - reply: The reply.
    /// - Returns: The record.
    public static func turn(_ turn: Int, _ reply: ModelTurn) -> TranscriptRecord {
        var record = TranscriptRecord(type: .turn)
        record.turn = turn
        record.model = reply.model
        record.blocks = reply.blocks
        record.stopReason = reply.stopReason
        record.usage = reply.usageReported ? Usage(reply.usage) : nil
        return record
    }

    /// The model reply a `turn` record holds.
    public var modelTurn: ModelTurn? {
        guard type == .turn, let blocks else { return nil }
        return ModelTurn(
            blocks: blocks,
            stopReason: stopReason ?? (blocks.contains { $0.toolUse != nil } ? .toolUse : .endTurn),
            usage: usage?.tokens ?? .zero,
            usageReported: usage != nil,
            model: model
        )
    }
}
