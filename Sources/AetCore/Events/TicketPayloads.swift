/// A ticket was created (stream `ticket/T-<n>`, always its first event).
public struct TicketCreated: EventPayload {
    public static let typeName = "ticket.created"
    public var ticket: TicketID
    public var description: String
    public var mode: TicketMode
    public var priority: Int
    public var dependencies: [TicketID]
    public var baseBranch: String

    /// Creates the payload from a validated draft.
    /// - Parameters:
    ///   - ticket: The new ticket's id.
    ///   - draft: The validated draft.
    public init(ticket: TicketID, draft: TicketDraft) {
        self.ticket = ticket
        self.description = draft.description
        self.mode = draft.mode
        self.priority = draft.priority
        self.dependencies = draft.dependencies
        self.baseBranch = draft.baseBranch
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(ticket)
        writer.write(description)
        writer.write(mode.rawValue)
        writer.write(priority)
        writer.writeArray(dependencies) { $0.write($1) }
        writer.write(baseBranch)
    }

    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        ticket = try reader.readTicketID()
        description = try reader.readString()
        mode = try reader.readEnum(TicketMode.self)
        priority = try reader.readInt()
        dependencies = try reader.readArray { (r: inout BinaryReader) throws(BinaryDecodingError) in
            try r.readTicketID()
        }
        baseBranch = try reader.readString()
    }
}

/// A user cancelled the ticket.
public struct TicketCancelled: EventPayload {
    public static let typeName = "ticket.cancelled"
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public func encode(to writer: inout BinaryWriter) { writer.write(reason) }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) { reason = try reader.readString() }
}

/// A failed or cancelled ticket was put back in the queue (`aet retry`).
public struct TicketRetried: EventPayload {
    public static let typeName = "ticket.retried"
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public func encode(to writer: inout BinaryWriter) { writer.write(reason) }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) { reason = try reader.readString() }
}

/// Every stage passed and the work is merged.
public struct TicketCompleted: EventPayload {
    public static let typeName = "ticket.completed"
    public var summary: String
    public init(summary: String) { self.summary = summary }
    public func encode(to writer: inout BinaryWriter) { writer.write(summary) }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) { summary = try reader.readString() }
}

/// The ticket's work failed.
public struct TicketFailed: EventPayload {
    public static let typeName = "ticket.failed"
    public var stage: StageName?
    public var reason: String
    public init(stage: StageName?, reason: String) {
        self.stage = stage
        self.reason = reason
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.writeOptional(stage)
        writer.write(reason)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readOptionalStage()
        reason = try reader.readString()
    }
}

/// The ticket failed after its retries and went into the dead-letter queue.
public struct TicketDeadLettered: EventPayload {
    public static let typeName = "ticket.dead_lettered"
    public var stage: StageName?
    public var reason: String
    public var attempts: Int
    public init(stage: StageName?, reason: String, attempts: Int) {
        self.stage = stage
        self.reason = reason
        self.attempts = attempts
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.writeOptional(stage)
        writer.write(reason)
        writer.write(attempts)
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        stage = try reader.readOptionalStage()
        reason = try reader.readString()
        attempts = try reader.readInt()
    }
}

/// A dead-lettered ticket was taken out of the DLQ and queued again (`aet dlq retry`).
public struct DeadLetterRetried: EventPayload {
    public static let typeName = "dlq.retried"
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public func encode(to writer: inout BinaryWriter) { writer.write(reason) }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) { reason = try reader.readString() }
}

/// A dead-lettered ticket was removed from the DLQ without retrying it (`aet dlq remove`); it stays failed.
public struct DeadLetterRemoved: EventPayload {
    public static let typeName = "dlq.removed"
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public func encode(to writer: inout BinaryWriter) { writer.write(reason) }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) { reason = try reader.readString() }
}

/// Something tried to read or write outside the place it is confined to; it was refused.
public struct SecurityViolation: EventPayload {
    public static let typeName = "security.violation"
    /// What was attempted, e.g. `write_file`.
    public var operation: String
    /// The offending path or input, shortened and with control characters escaped.
    public var subject: String
    /// Why it was refused.
    public var reason: String
    /// The run that attempted it, if any.
    public var run: RunID?
    public init(operation: String, subject: String, reason: String, run: RunID?) {
        self.operation = operation
        self.subject = subject
        self.reason = reason
        self.run = run
    }
    public func encode(to writer: inout BinaryWriter) {
        writer.write(operation)
        writer.write(subject)
        writer.write(reason)
        writer.writeOptional(run) { $0.write($1) }
    }
    public init(from reader: inout BinaryReader) throws(BinaryDecodingError) {
        operation = try reader.readString()
        subject = try reader.readString()
        reason = try reader.readString()
        run = try reader.readOptional { (r: inout BinaryReader) throws(BinaryDecodingError) in try r.readRunID() }
    }
}
