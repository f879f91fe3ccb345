/// How a run ended.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running
    case succeeded
    case failed
    case timedOut = "timed_out"
    case cancelled
    /// aet itself stopped (Ctrl-C, crash); the stage is run again later.
    case interrupted
    /// The runtime could not run at all (not installed, not authenticated): not a failure of the
    /// stage, which is run again once that is fixed; `aet process` stops with exit 2.
    case notReady = "not_ready"
}

/// One run (one attempt of a stage by a runtime) started.
public struct RunStarted: EventPayload {
    public static let typeName = "run.started"
    public var run: RunID
    public var stage: StageName
    public var attempt: Int
    /// The runtime that executes it, e.g. `claude` or `command`.
    public var runtime: String
    public init(run: RunID, stage: StageName, attempt: Int, runtime: String) {
        self.run = run
        self.stage = stage
        self.attempt = attempt
        self.runtime = runtime
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(run)
        writer.write(stage)
        writer.write(attempt)
        writer.write(runtime)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        run = try reader.readRunID()
        stage = try reader.readStage()
        attempt = try reader.readInt()
        runtime = try reader.readString()
    }
}

/// A run ended, with what it cost.
public struct RunFinished: EventPayload {
    public static let typeName = "run.finished"
    public var run: RunID
    /// Never `.running`.
    public var status: RunStatus
    public var exitCode: Int?
    public var durationMilliseconds: Int64
    public var tokensIn: Int64
    public var tokensOut: Int64
    /// Cost in millionths of a US dollar; nil when unknown (never recorded as 0 when unknown).
    public var costMicros: Int64?
    /// Why it failed, when it did.
    public var reason: String?
    /// The agent's turns (model round trips), when the runtime reports them. Stored after every
    /// other field and only when known, so events written before it existed decode unchanged.
    public var turns: Int?
    public init(
        run: RunID, status: RunStatus, exitCode: Int?, durationMilliseconds: Int64,
        tokensIn: Int64, tokensOut: Int64, costMicros: Int64?, reason: String?, turns: Int? = nil
    ) {
        self.run = run
        self.status = status
        self.exitCode = exitCode
        self.durationMilliseconds = durationMilliseconds
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.costMicros = costMicros
        self.reason = reason
        self.turns = turns
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(run)
        writer.write(status.rawValue)
        writer.writeOptional(exitCode) { $0.write($1) }
        writer.write(durationMilliseconds)
        writer.write(tokensIn)
        writer.write(tokensOut)
        writer.writeOptional(costMicros)
        writer.writeOptional(reason)
        if let turns { writer.writeOptional(turns) { $0.write($1) } }
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        run = try reader.readRunID()
        status = try reader.readEnum(RunStatus.self)
        exitCode = try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt() }
        durationMilliseconds = try reader.readInt64()
        tokensIn = try reader.readInt64()
        tokensOut = try reader.readInt64()
        costMicros = try reader.readOptionalInt64()
        reason = try reader.readOptionalString()
        turns = nil
        if !reader.isAtEnd {
            turns = try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readInt() }
            // Written only when known: an explicit "absent" would be a second encoding of the same event.
            guard turns != nil else {
                throw BinaryDecodingError(offset: 0, reason: "run.finished ends with an absent turns field")
            }
        }
    }
}
