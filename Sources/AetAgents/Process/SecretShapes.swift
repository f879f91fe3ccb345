/// Secrets recognised by their shape, whatever their value: API keys (`sk-…`, `sk-ant-…`, `sk-proj-…`),
/// bearer tokens (`Bearer <token>`) and passwords in URLs (`postgres://user:password@host`). The
/// ``Redactor`` hides them besides the configured secret values, in everything aet keeps: the run
/// logs, the lines it shows, and the agents' own transcripts.
///
/// ```swift
/// SecretShapes.redact(Array("key sk-ant-api03-abcdefghijklmnop".utf8))  // "key [REDACTED]"
/// ```
enum SecretShapes {
    /// The shortest key body after `sk-` that counts as a key (shorter ones are words like `sk-learn`).
    static let minimumKeyLength = 16
    /// The shortest token after `Bearer `.
    static let minimumTokenLength = 12

    /// `bytes` with every secret of a known shape replaced by ``Redactor/replacement``.
    static func redact(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 4 else { return bytes }
        var output: [UInt8] = []
        var index = 0
        var changed = false
        let replacement = Array(Redactor.replacement.utf8)
        while index < bytes.count {
            if let end = keyEnd(bytes, at: index) ?? bearerEnd(bytes, at: index) {
                // Keep the `Bearer ` prefix, so the line still says what it was.
                let kept = isBearer(bytes, at: index) ? 7 : 0
                output.append(contentsOf: bytes[index..<(index + kept)])
                output.append(contentsOf: replacement)
                index = end
                changed = true
            } else if let (start, end) = urlPassword(bytes, at: index) {
                output.append(contentsOf: bytes[index..<start])
                output.append(contentsOf: replacement)
                index = end
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return changed ? output : bytes
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x2D || byte == 0x5F  // - _
    }

    /// `sk-` + at least ``minimumKeyLength`` key characters, not inside a longer word.
    private static func keyEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 3 < bytes.count, bytes[index] == 0x73, bytes[index + 1] == 0x6B, bytes[index + 2] == 0x2D,  // sk-
            index == 0 || !isTokenByte(bytes[index - 1])
        else { return nil }
        var end = index + 3
        while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
        return end - (index + 3) >= minimumKeyLength ? end : nil
    }

    private static func isBearer(_ bytes: [UInt8], at index: Int) -> Bool {
        let word = Array("bearer ".utf8)
        guard index + word.count <= bytes.count else { return false }
        for offset in 0..<word.count {
            let byte = bytes[index + offset]
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            if lower != word[offset] { return false }
        }
        return index == 0 || !isTokenByte(bytes[index - 1])
    }

    /// `Bearer ` + a token of at least ``minimumTokenLength`` characters (base64 and JWT characters).
    private static func bearerEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard isBearer(bytes, at: index) else { return nil }
        var end = index + 7
        while end < bytes.count,
            isTokenByte(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x2B
                || bytes[end] == 0x2F || bytes[end] == 0x3D || bytes[end] == 0x7E  // . + / = ~
        {
            end += 1
        }
        return end - (index + 7) >= minimumTokenLength ? end : nil
    }

    /// At `://`: the password of `user:password@` that follows, as the range to replace.
    private static func urlPassword(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        guard index + 3 < bytes.count, bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F
        else { return nil }
        var cursor = index + 3
        var colon: Int?
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == 0x40 {  // @
                guard let colon, cursor > colon + 1 else { return nil }
                return (colon + 1, cursor)
            }
            // / space \n " ': the authority part ends before an @
            if byte == 0x2F || byte == 0x20 || byte == 0x0A || byte == 0x22 || byte == 0x27 { return nil }
            if byte == 0x3A, colon == nil { colon = cursor }
            cursor += 1
        }
        return nil
    }
}
