import AetCore

/// Commit messages built from what agents wrote (their summaries) reach people through `git log`,
/// terminals and review tools: nothing in them may steer a terminal or hide text.
enum CommitMessage {
    /// `text` without terminal escape sequences (`ESC [ … m` and the like), control characters other
    /// than newline (a tab becomes a space, `\r\n` a newline), and invisible or direction-changing
    /// characters.
    static func sanitized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x1B:
                // ESC: drop a CSI sequence (ESC [ parameters final-byte) or the one character after ESC.
                if pending == "[" {
                    pending = scalars.next()
                    while let next = pending, !(0x40...0x7E).contains(next.value) { pending = scalars.next() }
                }
                pending = scalars.next()
            case 0x0A: result.append(scalar)
            case 0x09: result.append(" ")
            case 0x0D: if pending != "\n" { result.append("\n") }
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: if !scalar.isInvisibleOrDirectional { result.append(scalar) }
            }
        }
        return String(result)
    }
}
