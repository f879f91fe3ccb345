/// Everything that can happen, as typed values. Streams: `ticket/T-<n>` and `system`.
public enum DomainEvent: Sendable, Hashable {
    case ticketCreated(TicketCreated)
    case ticketCancelled(TicketCancelled)
    case ticketRetried(TicketRetried)
    case stageStarted(StageStarted)
    case stageCompleted(StageCompleted)
    case stageFailed(StageFailed)
    case stageSentBack(StageSentBack)
    case stageSkipped(StageSkipped)
    case runStarted(RunStarted)
    case runFinished(RunFinished)
    case ticketCompleted(TicketCompleted)
    case ticketFailed(TicketFailed)
    case ticketDeadLettered(TicketDeadLettered)
    case deadLetterRetried(DeadLetterRetried)
    case deadLetterRemoved(DeadLetterRemoved)
    case securityViolation(SecurityViolation)
    case ticketModeSet(TicketModeSet)
    case ticketBudgetSet(TicketBudgetSet)
    case integrationWaiting(IntegrationWaiting)

    /// Every payload type, for decoding by stored name.
    public static let payloadTypes: [any EventPayload.Type] = [
        TicketCreated.self, TicketCancelled.self, TicketRetried.self, StageStarted.self,
        StageCompleted.self, StageFailed.self, StageSentBack.self, StageSkipped.self, RunStarted.self,
        RunFinished.self, TicketCompleted.self, TicketFailed.self, TicketDeadLettered.self,
        DeadLetterRetried.self, DeadLetterRemoved.self, SecurityViolation.self, TicketModeSet.self,
        TicketBudgetSet.self, IntegrationWaiting.self,
    ]

    /// The payload inside the case.
    public var payload: any EventPayload {
        switch self {
        case .ticketCreated(let p): p
        case .ticketCancelled(let p): p
        case .ticketRetried(let p): p
        case .stageStarted(let p): p
        case .stageCompleted(let p): p
        case .stageFailed(let p): p
        case .stageSentBack(let p): p
        case .stageSkipped(let p): p
        case .runStarted(let p): p
        case .runFinished(let p): p
        case .ticketCompleted(let p): p
        case .ticketFailed(let p): p
        case .ticketDeadLettered(let p): p
        case .deadLetterRetried(let p): p
        case .deadLetterRemoved(let p): p
        case .securityViolation(let p): p
        case .ticketModeSet(let p): p
        case .ticketBudgetSet(let p): p
        case .integrationWaiting(let p): p
        }
    }

    /// The stored type name, e.g. `stage.sent_back`.
    public var typeName: String { type(of: payload).typeName }

    /// The schema version this code writes for the payload.
    public var schemaVersion: Int { type(of: payload).schemaVersion }

    /// The payload in the binary storage format.
    public func encodedPayload() -> [UInt8] {
        var writer = BinaryWriter()
        payload.encode(to: &writer)
        return writer.bytes
    }

    /// Decodes a stored payload by its type name and schema version.
    /// - Parameters:
    ///   - typeName: The stored type name.
    ///   - schemaVersion: The stored schema version.
    ///   - payload: The stored payload bytes.
    /// - Returns: The typed event.
    /// - Throws: ``EventDecodingError`` for an unknown type or version, or malformed bytes.
    public static func decode(
        typeName: String, schemaVersion: Int, payload: UnsafeRawBufferPointer
    ) throws(EventDecodingError) -> DomainEvent {
        var reader = BinaryReader(unsafeBuffer: payload)
        do throws(BinaryDecodingError) {
            let event = try decode(typeName: typeName, schemaVersion: schemaVersion, reader: &reader)
            try reader.expectEnd()
            return event
        } catch {
            throw EventDecodingError(typeName: typeName, reason: error.description)
        }
    }

    /// Decodes a stored payload held in an array.
    /// - Parameters:
    ///   - typeName: The stored type name.
    ///   - schemaVersion: The stored schema version.
    ///   - payload: The stored payload bytes.
    /// - Returns: The typed event.
    /// - Throws: ``EventDecodingError`` for an unknown type or version, or malformed bytes.
    public static func decode(
        typeName: String, schemaVersion: Int, payload: [UInt8]
    ) throws(EventDecodingError) -> DomainEvent {
        let result: Result<DomainEvent, EventDecodingError> = payload.withUnsafeBytes { raw in
            do throws(EventDecodingError) {
                return .success(try decode(typeName: typeName, schemaVersion: schemaVersion, payload: raw))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func decode(
        typeName: String, schemaVersion: Int, reader: inout BinaryReader
    ) throws(BinaryDecodingError) -> DomainEvent {
        try decode(kind: kind(of: typeName), typeName: typeName, schemaVersion: schemaVersion, reader: &reader)
    }

    /// The index of a stored type name in ``payloadTypes``, or -1 when unknown.
    static func kind(of typeName: String) -> Int {
        switch typeName {
        case TicketCreated.typeName: return 0
        case TicketCancelled.typeName: return 1
        case TicketRetried.typeName: return 2
        case StageStarted.typeName: return 3
        case StageCompleted.typeName: return 4
        case StageFailed.typeName: return 5
        case StageSentBack.typeName: return 6
        case StageSkipped.typeName: return 7
        case RunStarted.typeName: return 8
        case RunFinished.typeName: return 9
        case TicketCompleted.typeName: return 10
        case TicketFailed.typeName: return 11
        case TicketDeadLettered.typeName: return 12
        case DeadLetterRetried.typeName: return 13
        case DeadLetterRemoved.typeName: return 14
        case SecurityViolation.typeName: return 15
        case TicketModeSet.typeName: return 16
        case TicketBudgetSet.typeName: return 17
        case IntegrationWaiting.typeName: return 18
        default: return -1
        }
    }

    fileprivate static func decode(
        kind: Int, typeName: String, schemaVersion: Int, reader: inout BinaryReader
    ) throws(BinaryDecodingError) -> DomainEvent {
        // Every payload is at schema version 1 today; an upcaster for an older version goes here.
        guard schemaVersion == 1 else {
            throw BinaryDecodingError(
                offset: 0, reason: "schema version \(schemaVersion) of \(typeName) is not known to this aet")
        }
        switch kind {
        case 0: return .ticketCreated(try TicketCreated(from: &reader))
        case 1: return .ticketCancelled(try TicketCancelled(from: &reader))
        case 2: return .ticketRetried(try TicketRetried(from: &reader))
        case 3: return .stageStarted(try StageStarted(from: &reader))
        case 4: return .stageCompleted(try StageCompleted(from: &reader))
        case 5: return .stageFailed(try StageFailed(from: &reader))
        case 6: return .stageSentBack(try StageSentBack(from: &reader))
        case 7: return .stageSkipped(try StageSkipped(from: &reader))
        case 8: return .runStarted(try RunStarted(from: &reader))
        case 9: return .runFinished(try RunFinished(from: &reader))
        case 10: return .ticketCompleted(try TicketCompleted(from: &reader))
        case 11: return .ticketFailed(try TicketFailed(from: &reader))
        case 12: return .ticketDeadLettered(try TicketDeadLettered(from: &reader))
        case 13: return .deadLetterRetried(try DeadLetterRetried(from: &reader))
        case 14: return .deadLetterRemoved(try DeadLetterRemoved(from: &reader))
        case 15: return .securityViolation(try SecurityViolation(from: &reader))
        case 16: return .ticketModeSet(try TicketModeSet(from: &reader))
        case 17: return .ticketBudgetSet(try TicketBudgetSet(from: &reader))
        case 18: return .integrationWaiting(try IntegrationWaiting(from: &reader))
        default: throw BinaryDecodingError(offset: 0, reason: "unknown event type")
        }
    }
}

/// Decodes the payloads of one stored type name, resolved once: for replaying many events without
/// comparing type names per event. Decodes exactly as ``DomainEvent/decode(typeName:schemaVersion:payload:)``.
public struct PayloadDecoder: Sendable {
    /// The stored type name.
    public let typeName: String
    private let kind: Int

    /// Resolves a stored type name (an unknown one decodes nothing and reports why).
    /// - Parameter typeName: The stored type name.
    public init(typeName: String) {
        self.typeName = typeName
        self.kind = DomainEvent.kind(of: typeName)
    }

    /// Decodes a stored payload of this type.
    /// - Parameters:
    ///   - schemaVersion: The stored schema version.
    ///   - payload: The stored payload bytes.
    /// - Returns: The typed event.
    /// - Throws: ``EventDecodingError`` for an unknown type or version, or malformed bytes.
    public func decode(schemaVersion: Int, payload: UnsafeRawBufferPointer) throws(EventDecodingError) -> DomainEvent {
        var reader = BinaryReader(unsafeBuffer: payload)
        do throws(BinaryDecodingError) {
            let event = try DomainEvent.decode(
                kind: kind, typeName: typeName, schemaVersion: schemaVersion, reader: &reader)
            try reader.expectEnd()
            return event
        } catch {
            throw EventDecodingError(typeName: typeName, reason: error.description)
        }
    }
}

/// A stored event that this version of aet cannot decode.
public struct EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stored type name (at most 60 characters of it).
    public let typeName: String
    /// What is wrong, without payload data.
    public let reason: String

    /// Creates a decoding error.
    /// - Parameters:
    ///   - typeName: The stored type name.
    ///   - reason: What is wrong.
    public init(typeName: String, reason: String) {
        self.typeName = String(typeName.prefix(60))
        self.reason = reason
    }

    public var description: String { "cannot decode event of type '\(typeName)': \(reason)" }
}
