import Foundation

/// A ``ModelClient`` that plays back the model replies of a recording: the `turn` records of a
/// `transcript.jsonl` written by a native run (or a hand-written file in the same format, see
/// ``TranscriptRecord``).
///
/// The reply for a conversation with *n* assistant turns is the recording's turn *n* + 1, so the
/// client holds no state; past the last recorded turn it throws
/// ``ModelAPIError/recordingExhausted(turn:)`` ("the recording has no turn N").
///
/// ```swift
/// let client = try RecordedModelClient(contentsOf: "/runs/T-3.implement.1/transcript.jsonl")
/// ```
public struct RecordedModelClient: ModelClient {
    /// The recorded replies, in order.
    public let turns: [ModelTurn]
    /// The model the recording was made with (its `start` record), if it says.
    public let recordedModel: String?

    /// Creates a client over replies.
    /// - Parameters:
    ///   - turns: The replies, in order.
    ///   - recordedModel: The model they came from.
    public init(turns: [ModelTurn], recordedModel: String? = nil) {
        self.turns = turns
        self.recordedModel = recordedModel
    }

    /// Reads a recording.
    /// - Parameter path: The `transcript.jsonl` file.
    /// - Throws: ``ModelAPIError/invalidRecording(_:)`` when the file cannot be read, a line is not
    ///   a record, or it holds no turn.
    public init(contentsOf path: String) throws(ModelAPIError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .invalidRecording("cannot read \(path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        var turns: [ModelTurn] = []
        var model: String?
        for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) else { continue }
            let record: TranscriptRecord
            do {
                record = try decoder.decode(TranscriptRecord.self, from: Data(line))
            } catch {
                throw .invalidRecording("line \(number + 1) of \(path) is not a transcript record")
            }
            if record.type == .start { model = record.model }
            if let turn = record.modelTurn { turns.append(turn) }
        }
        guard !turns.isEmpty else { throw .invalidRecording("\(path) holds no model turn") }
        self.init(turns: turns, recordedModel: model)
    }

    /// The recorded reply for the conversation's next turn.
    /// - Parameter conversation: The conversation so far.
    /// - Returns: The recorded reply.
    /// - Throws: ``ModelAPIError/recordingExhausted(turn:)`` past the end of the recording.
    public func complete(_ conversation: ModelConversation) async throws -> ModelTurn {
        let turn = conversation.assistantTurns + 1
        guard turn <= turns.count else { throw ModelAPIError.recordingExhausted(turn: turn) }
        return turns[turn - 1]
    }
}
