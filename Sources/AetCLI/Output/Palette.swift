import AetCore

/// Colour for people on a terminal: statuses, failures, send-backs. Off when the output is not a
/// terminal (a pipe, a file, a test), when `NO_COLOR` is set and not empty (no-color.org), or when
/// `TERM` is `dumb`; `--json` output is never coloured.
///
/// ```swift
/// let palette = Palette(sink: environment.standardOutput, variables: environment.variables)
/// palette.status("dead lettered", .deadLettered)  // red on a terminal, unchanged elsewhere
/// ```
struct Palette: Sendable {
    /// The colours aet uses (ANSI SGR codes).
    enum Colour: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
        case dim = "2"
        case boldRed = "1;31"
    }

    /// Whether text is painted at all.
    let enabled: Bool

    /// A palette for text written to `sink`.
    /// - Parameters:
    ///   - sink: Where the text goes.
    ///   - variables: The environment (`NO_COLOR`, `TERM`).
    init(sink: TextSink, variables: [String: String]) {
        let noColor = !(variables["NO_COLOR"] ?? "").isEmpty  // no-color.org: set and not empty
        enabled = sink.isTerminal && !noColor && variables["TERM"] != "dumb"
    }

    /// A palette that paints (`true`) or never paints.
    init(enabled: Bool) { self.enabled = enabled }

    /// `text` in `colour`, reset after it.
    func paint(_ text: String, _ colour: Colour) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `text` in the colour of a ticket status: completed green, failed and dead lettered red,
    /// running cyan, waiting to merge yellow, cancelled dim, queued plain.
    func status(_ text: String, _ status: TicketStatus) -> String {
        switch status {
        case .completed: paint(text, .green)
        case .failed, .deadLettered: paint(text, .red)
        case .running: paint(text, .cyan)
        case .cancelled: paint(text, .dim)
        case .waitingToMerge: paint(text, .yellow)
        case .queued: text
        }
    }

    /// `text` in the colour of a stage or run status word (`completed`, `failed`, `sent back`, …).
    func outcome(_ text: String) -> String {
        if text.hasPrefix("completed") || text.hasPrefix("succeeded") || text.hasPrefix("approved")
            || text.hasPrefix("fast-forwarded") || text.hasPrefix("merged")
        {
            return paint(text, .green)
        }
        if text.hasPrefix("failed") || text.hasPrefix("dead") || text.hasPrefix("crashed")
            || text.hasPrefix("timed out")
        {
            return paint(text, .red)
        }
        if text.hasPrefix("sent back") || text.hasPrefix("interrupted") || text.hasPrefix("waiting") {
            return paint(text, .yellow)
        }
        if text.hasPrefix("skipped") || text.hasPrefix("cancelled") { return paint(text, .dim) }
        return text
    }
}
