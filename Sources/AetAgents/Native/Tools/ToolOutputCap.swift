/// Caps a tool's output at a byte budget, cutting on a character boundary and saying how much was
/// dropped: `[truncated N bytes]`.
enum ToolOutputCap {
    static func apply(_ text: String, maxBytes: Int) -> String {
        let count = text.utf8.count
        guard count > maxBytes else { return text }
        let kept = prefix(Array(text.utf8), maxBytes: maxBytes)
        return String(decoding: kept, as: UTF8.self) + "\n[truncated \(count - kept.count) bytes]"
    }

    /// The longest prefix of at most `maxBytes` bytes that does not end inside a UTF-8 sequence.
    static func prefix(_ bytes: [UInt8], maxBytes: Int) -> ArraySlice<UInt8> {
        guard bytes.count > maxBytes else { return bytes[...] }
        var end = max(0, maxBytes)
        var lead = end
        while lead > 0 && bytes[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
        if lead > 0 {
            let byte = bytes[lead - 1]
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if end - (lead - 1) < length { end = lead - 1 }
        }
        return bytes[..<end]
    }
}
