/// A stage of the pipeline started on the ticket.
public struct StageStarted: EventPayload {
    public static let typeName = "stage.started"
    public var stage: StageName
    public var attempt: Int
    public init(stage: StageName, attempt: Int) {
        self.stage = stage
        self.attempt = attempt
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.write(attempt)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        attempt = try reader.readInt()
    }
}

/// A stage finished and passed; its output summary is kept for later stages.
public struct StageCompleted: EventPayload {
    public static let typeName = "stage.completed"
    public var stage: StageName
    public var summary: String
    public init(stage: StageName, summary: String) {
        self.stage = stage
        self.summary = summary
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.write(summary)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        summary = try reader.readString()
    }
}

/// A stage failed (its run failed, or it could not be run).
public struct StageFailed: EventPayload {
    public static let typeName = "stage.failed"
    public var stage: StageName
    public var reason: String
    public init(stage: StageName, reason: String) {
        self.stage = stage
        self.reason = reason
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.write(reason)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        reason = try reader.readString()
    }
}

/// A gate did not pass and sent the ticket back to an earlier stage with feedback.
public struct StageSentBack: EventPayload {
    public static let typeName = "stage.sent_back"
    /// The gate that failed.
    public var stage: StageName
    /// Where the ticket goes next.
    public var target: StageName
    /// What to fix, from the reviewer or the failing tests.
    public var feedback: String
    /// The ticket's rework count after this send-back.
    public var rework: Int
    public init(stage: StageName, target: StageName, feedback: String, rework: Int) {
        self.stage = stage
        self.target = target
        self.feedback = feedback
        self.rework = rework
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.write(target)
        writer.write(feedback)
        writer.write(rework)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        target = try reader.readStage()
        feedback = try reader.readString()
        rework = try reader.readInt()
    }
}

/// A stage was not run, with the reason (e.g. no test command is configured).
public struct StageSkipped: EventPayload {
    public static let typeName = "stage.skipped"
    public var stage: StageName
    public var reason: String
    public init(stage: StageName, reason: String) {
        self.stage = stage
        self.reason = reason
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.write(reason)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        reason = try reader.readString()
    }
}
