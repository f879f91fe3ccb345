/// One server-sent event: its `event:` name (nil for `data:`-only events) and its `data:` lines
/// joined by newlines.
struct ServerSentEvent: Sendable, Hashable {
    var event: String?
    var data: String
}

/// An incremental parser of a `text/event-stream`: bytes may be split anywhere across reads, lines
/// end in `\n` or `\r\n`, comments (`:`) are skipped, and an event ends at a blank line.
struct ServerSentEventParser: Sendable {
    private var pending: [UInt8] = []
    private var event: String?
    private var data: [String] = []
    private var hasData = false

    /// Feeds bytes.
    /// - Parameter bytes: The next bytes of the stream.
    /// - Returns: The events completed by them.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        pending.append(contentsOf: bytes)
        var events: [ServerSentEvent] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[start..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if let event = take(String(decoding: line, as: UTF8.self)) { events.append(event) }
            start = pending.index(after: newline)
        }
        pending.removeSubrange(pending.startIndex..<start)
        return events
    }

    /// Ends the stream.
    /// - Returns: The last event, when the stream ended without a blank line after it.
    mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !pending.isEmpty, let event = take(String(decoding: pending, as: UTF8.self)) { events.append(event) }
        pending.removeAll()
        if let event = take("") { events.append(event) }
        return events
    }

    private mutating func take(_ line: String) -> ServerSentEvent? {
        if line.isEmpty {
            defer {
                event = nil
                data = []
                hasData = false
            }
            guard hasData || event != nil else { return nil }
            return ServerSentEvent(event: event, data: data.joined(separator: "\n"))
        }
        if line.hasPrefix(":") { return nil }
        let (field, value) = Self.split(line)
        switch field {
        case "event": event = value
        case "data":
            data.append(value)
            hasData = true
        default: break
        }
        return nil
    }

    private static func split(_ line: String) -> (String, String) {
        guard let colon = line.firstIndex(of: ":") else { return (line, "") }
        var value = line[line.index(after: colon)...]
        if value.first == " " { value = value.dropFirst() }
        return (String(line[..<colon]), String(value))
    }
}
