import AetCore

/// Reads `bytes` with `body` and requires that every byte was consumed.
func decodeAll<T>(
    _ bytes: [UInt8],
    _ body: (inout BinaryReader) throws(BinaryDecodingError) -> T
) throws(BinaryDecodingError) -> T {
    try BinaryReader.read(bytes) { (reader: inout BinaryReader) throws(BinaryDecodingError) -> T in
        let value = try body(&reader)
        try reader.expectEnd()
        return value
    }
}

/// The bytes `body` writes.
func encoded(_ body: (inout BinaryWriter) -> Void) -> [UInt8] {
    var writer = BinaryWriter()
    body(&writer)
    return writer.bytes
}

extension DomainEvent {
    /// Decodes what `encodedPayload()` wrote, by this event's own type name and version.
    func roundTripped() throws(EventDecodingError) -> DomainEvent {
        try DomainEvent.decode(typeName: typeName, schemaVersion: schemaVersion, payload: encodedPayload())
    }

    /// The case's index. A switch with no default: adding a case fails to compile here until the
    /// samples below are extended.
    var caseIndex: Int {
        switch self {
        case .ticketCreated: 0
        case .ticketCancelled: 1
        case .ticketRetried: 2
        case .stageStarted: 3
        case .stageCompleted: 4
        case .stageFailed: 5
        case .stageSentBack: 6
        case .stageSkipped: 7
        case .runStarted: 8
        case .runFinished: 9
        case .ticketCompleted: 10
        case .ticketFailed: 11
        case .ticketDeadLettered: 12
        case .deadLetterRetried: 13
        case .deadLetterRemoved: 14
        case .securityViolation: 15
        case .ticketModeSet: 16
        case .ticketBudgetSet: 17
        case .integrationWaiting: 18
        }
    }

    static let caseCount = 19
}
