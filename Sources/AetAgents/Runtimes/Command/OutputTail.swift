/// Keeps the last `capacity` bytes of a stream of lines (bounded memory, whatever the output size).
struct OutputTail: Sendable {
    let capacity: Int
    private var buffer: [UInt8] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Appends a line (a newline is added after it).
    mutating func append(_ line: [UInt8]) {
        guard capacity > 0 else { return }
        buffer.append(contentsOf: line.suffix(capacity))
        buffer.append(0x0A)
        // Keep the last `capacity` bytes plus the newline that ends them; trim in batches.
        if buffer.count > 2 * (capacity + 1) { buffer.removeFirst(buffer.count - (capacity + 1)) }
    }

    /// The last `capacity` bytes as text, without the final newline, starting on a character boundary.
    var text: String {
        var bytes = buffer.suffix(capacity + 1)
        if bytes.last == 0x0A { bytes = bytes.dropLast() }
        bytes = bytes.suffix(capacity)
        // Skip UTF-8 continuation bytes left over from a character cut at the front.
        while let first = bytes.first, first & 0b1100_0000 == 0b1000_0000 { bytes = bytes.dropFirst() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
