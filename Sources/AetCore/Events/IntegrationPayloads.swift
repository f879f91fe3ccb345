/// A ticket's finished work could not land on its base branch yet, and waits ready to merge: the base
/// branch is checked out with uncommitted changes that touch files the merge changes (or is being
/// rebased there). Nothing was changed; the ticket lands by itself once they are committed or
/// reverted (`aet process` tries again; `aet merge T-n` tries now). Never a failure, never a rework.
public struct IntegrationWaiting: EventPayload {
    public static let typeName = "integration.waiting"
    /// The stage that lands the work (`integrate`, also for pipelines that merge after their last stage).
    public var stage: StageName
    /// The files both the merge and the user's uncommitted changes touch (empty when another state blocks it).
    public var files: [String]
    /// What the user must do, e.g. `your uncommitted changes in /repo touch a.txt, b.txt`.
    public var reason: String
    public init(stage: StageName, files: [String], reason: String) {
        self.stage = stage
        self.files = files
        self.reason = reason
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(stage)
        writer.writeArray(files) { $0.write($1) }
        writer.write(reason)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readStage()
        files = try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readString() }
        reason = try reader.readString()
    }
}
