/// The mode a ticket is worked in was decided or changed: an `auto` ticket classified as simple or
/// full when it first runs, or a failed simple ticket promoted to the full pipeline.
///
/// When work had already started (or the ticket had failed, was cancelled or dead-lettered), the
/// ticket is queued again with a fresh attempt and no current stage (like `ticket.retried`), so the
/// new pipeline starts from its first stage with its own retry budget.
public struct TicketModeSet: EventPayload {
    public static let typeName = "ticket.mode_set"
    /// The mode from now on: `simple` or `full`.
    public var mode: TicketMode
    /// Why, e.g. the classification rule that matched or the failure that led to a promotion.
    public var reason: String
    public init(mode: TicketMode, reason: String) {
        self.mode = mode
        self.reason = reason
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(mode.rawValue)
        writer.write(reason)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        mode = try reader.readEnum(TicketMode.self)
        reason = try reader.readString()
    }
}
