import Foundation

/// Role file texts for tests: front matter lines between `---`, then a body.
enum RoleText {
    /// A role file: line 1 `---`, then `lines` (from line 2), `---`, then `body`.
    static func make(_ lines: [String], body: String = "Do the work.\n") -> String {
        (["---"] + lines + ["---", body]).joined(separator: "\n")
    }

    /// A valid reviewer file with `extra` front-matter lines after name and description (from line 4).
    static func reviewer(_ extra: [String] = [], body: String = "Review the change.\n") -> String {
        make(["name: reviewer", "description: Reviews the change."] + extra, body: body)
    }
}

/// Writes `bytes` to `directory/name`.
func write(_ bytes: some Sequence<UInt8>, to directory: String, _ name: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
}

/// Writes `text` as UTF-8 to `directory/name`.
func write(_ text: String, to directory: String, _ name: String) throws {
    try write(Array(text.utf8), to: directory, name)
}
