/// A typed event payload: its stored type name, schema version, and binary form.
///
/// The type name is a string only at the storage boundary; in code, events are ``DomainEvent`` cases.
/// A shipped payload's meaning and encoding never change: a change is a new `schemaVersion` with an
/// upcaster in ``DomainEvent/decode(typeName:schemaVersion:payload:)``.
public protocol EventPayload: Sendable, Hashable, Codable {
    /// The name stored in the event row, e.g. `ticket.created`.
    static var typeName: String { get }
    /// The version of the payload's encoding this code writes.
    static var schemaVersion: Int { get }
    /// Writes the payload in the binary format.
    /// - Parameter writer: The destination.
    func encode(to writer: inout BinaryWriter)
    /// Reads a payload written at ``schemaVersion``.
    /// - Parameter reader: The source.
    /// - Throws: ``BinaryDecodingError`` when the bytes are malformed.
    init(from reader: inout BinaryReader) throws(BinaryDecodingError)
}

extension EventPayload {
    public static var schemaVersion: Int { 1 }
}

extension BinaryWriter {
    mutating func write(_ stage: StageName) { write(stage.rawValue) }
    mutating func write(_ ticket: TicketID) { write(ticket.number) }
    mutating func write(_ run: RunID) { write(run.rawValue) }
    mutating func writeOptional(_ value: StageName?) { writeOptional(value) { $0.write($1) } }
}

extension BinaryReader {
    mutating func readStage() throws(BinaryDecodingError) -> StageName { StageName(rawValue: try readString()) }
    mutating func readRunID() throws(BinaryDecodingError) -> RunID { RunID(rawValue: try readString()) }
    mutating func readTicketID() throws(BinaryDecodingError) -> TicketID {
        let number = try readInt()
        guard number > 0 else {
            throw BinaryDecodingError(offset: offset, reason: "ticket number \(number) is not positive")
        }
        return TicketID(number)
    }
    mutating func readOptionalStage() throws(BinaryDecodingError) -> StageName? {
        try readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readStage() }
    }
}
