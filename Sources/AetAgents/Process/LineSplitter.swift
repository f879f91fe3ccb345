/// Splits a byte stream into lines at `\n` (dropping a trailing `\r`), holding at most `maxLineBytes`
/// of any line: the rest of an over-long line is counted and dropped. Pure; fed chunk by chunk.
struct LineSplitter: Sendable {
    /// One complete line.
    struct Line: Hashable, Sendable {
        var bytes: [UInt8]
        var truncatedBytes: Int
    }

    let maxLineBytes: Int
    private var current: [UInt8] = []
    private var overflow = 0

    /// - Parameter maxLineBytes: The most bytes kept of one line (at least 1).
    init(maxLineBytes: Int) {
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Feeds a chunk and returns the lines it completes.
    mutating func append(_ chunk: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            take(chunk[start..<newline])
            lines.append(emit())
            start = newline + 1
        }
        take(chunk[start...])
        return lines
    }

    /// Ends the stream: returns the last line if it had no terminator.
    mutating func finish() -> Line? {
        guard !current.isEmpty || overflow > 0 else { return nil }
        return emit()
    }

    private mutating func take(_ slice: ArraySlice<UInt8>) {
        let room = max(0, maxLineBytes - current.count)
        if slice.count <= room {
            current.append(contentsOf: slice)
        } else {
            current.append(contentsOf: slice.prefix(room))
            overflow += slice.count - room
        }
    }

    private mutating func emit() -> Line {
        var bytes = current
        if overflow == 0, bytes.last == 0x0D { bytes.removeLast() }
        let line = Line(bytes: bytes, truncatedBytes: overflow)
        current.removeAll(keepingCapacity: true)
        overflow = 0
        return line
    }
}
