import AetCore
import AetStore
import ArgumentParser

/// `aet events`: the event log, one line (or one JSON object) per event, streamed in constant memory.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the event log: POS  TIME  STREAM  vN  TYPE  summary (--json: one JSON object per line)."
    )

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only the events of this ticket.", valueName: "ticket"))
    var ticket: String?

    // `.unconditional`: `--since -1` reaches validate() (a clear sentence) instead of being read as a flag.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Only events after this position (0 for all).", valueName: "position"))
    var since: Int64 = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many events.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        guard since >= 0 else {
            throw ValidationError("--since must be a position, 0 or more (not \(since)): 0 lists every event.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (not \(limit)).") }
    }

    func run() async throws {
        let id = try ticket.map { text throws(ValidationFailure) in try TicketID(parsing: text) }
        let context = try CommandContext.resolve(globals, command: "events", readOnly: true)
        let store = try context.openStoreForReading()
        let printer = EventLinePrinter(output: context.environment.standardOutput, json: context.json)
        if let id {
            _ = try await TicketService(store: store, actor: CommandContext.actor("events")).existingTicket(id)
            let events = try await store.readStream(.ticket(id)).filter { $0.position.rawValue > since }
            for event in events.prefix(limit ?? .max) { try printer.print(event) }
        } else {
            try await store.readAll(after: EventPosition(since), limit: limit) { event in try printer.print(event) }
        }
    }
}

/// Writes events one at a time as aligned text lines or JSON Lines.
struct EventLinePrinter {
    let output: TextSink
    let json: Bool
    private let encoder = JSONOutput.makeEncoder()

    init(output: TextSink, json: Bool) {
        self.output = output
        self.json = json
    }

    /// Writes one event.
    /// - Throws: `EncodingError` (JSON only).
    func print(_ event: RecordedEvent) throws {
        if json { return output.writeLine(try JSONOutput.line(EventJSON(event), encoder: encoder)) }
        let position = Self.pad(event.position.description, to: 6, right: true)
        let stream = Self.pad(Format.displayable(event.stream.rawValue), to: 12)
        let version = Self.pad("v\(event.version)", to: 4)
        let type = Self.pad(Format.displayable(event.typeName), to: 20)
        let time = TimeFormat.iso8601Milliseconds(event.recordedAt)
        output.writeLine("\(position)  \(time)  \(stream)  \(version)  \(type)  \(EventSentence.sentence(for: event))")
    }

    private static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
