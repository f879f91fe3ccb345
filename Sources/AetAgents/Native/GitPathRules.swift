/// The path components git refuses to put in its index because a file system could take them for
/// `.git` (git's `verify_path` with `core.protectNTFS` and `core.protectHFS`): any case of `.git`,
/// `.git` followed by dots and spaces or an NTFS stream (`.git::$INDEX_ALLOCATION`), the 8.3 short
/// name `git~1`, and `.git` spelled with characters HFS+ ignores (zero-width joiners, direction
/// marks, U+FEFF). An agent that wrote there would poison its ticket: git refuses the path, so no
/// checkpoint could be made.
///
/// ```swift
/// GitPathRules.isDotGitAlias(".GIT")        // true
/// GitPathRules.isDotGitAlias(".gitignore")  // false
/// ```
public enum GitPathRules {
    /// Code points HFS+ ignores when it compares names (git's `next_hfs_char`).
    static let hfsIgnorable: Set<UInt32> = Set(
        Array(0x200C...0x200F) + Array(0x202A...0x202E) + Array(0x206A...0x206F) + [0xFEFF])

    /// Whether a file system may take `component` for `.git`.
    /// - Parameter component: One path component (no `/`).
    /// - Returns: `true` for `.git` in any case, with trailing dots or spaces, with an NTFS stream
    ///   suffix, as `git~1`, or with HFS+-ignorable characters inside.
    public static func isDotGitAlias(_ component: String) -> Bool {
        let visible = String(
            String.UnicodeScalarView(component.unicodeScalars.filter { !hfsIgnorable.contains($0.value) }))
        let lower = visible.lowercased()
        let stem: Substring
        if lower.hasPrefix(".git") {
            stem = lower.dropFirst(4)
        } else if lower.hasPrefix("git~1") {
            stem = lower.dropFirst(5)
        } else {
            return false
        }
        // NTFS drops trailing dots and spaces, and `:` starts a stream name.
        for character in stem {
            if character == ":" { return true }
            if character != "." && character != " " { return false }
        }
        return true
    }
}
