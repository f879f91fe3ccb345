import Synchronization

/// The last bytes a process printed, kept while it runs so they survive a timeout.
final class OutputTail: Sendable {
    private let bytes: Mutex<[UInt8]>
    private let limit: Int

    /// - Parameter limit: How many of the most recent bytes to keep.
    init(limit: Int) {
        self.limit = limit
        bytes = Mutex([])
    }

    func append(_ chunk: [UInt8]) {
        bytes.withLock { kept in
            kept.append(contentsOf: chunk)
            if kept.count > 2 * limit { kept.removeFirst(kept.count - limit) }
        }
    }

    /// The last `count` non-empty lines of what was kept (a first, possibly partial, line included).
    func lastLines(_ count: Int) -> [String] {
        let kept = bytes.withLock { Array($0.suffix(limit)) }
        let text = String(decoding: kept, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { String($0) }.filter {
            !$0.trimmingGitWhitespace().isEmpty
        }
        return Array(lines.suffix(count))
    }
}
