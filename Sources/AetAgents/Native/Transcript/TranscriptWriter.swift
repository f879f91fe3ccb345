import Foundation

/// Writes a run's `transcript.jsonl`: one ``TranscriptRecord`` per line, secrets redacted, up to a
/// byte cap (then one `{"type":"truncated"}` line and nothing more).
final class TranscriptWriter {
    let path: String
    private let handle: FileHandle
    private let redactor: Redactor
    private let maxBytes: Int
    private var written = 0
    private var truncated = false
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Creates (or empties) the transcript file.
    /// - Throws: When the file cannot be created.
    init(path: String, redactor: Redactor, maxBytes: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw RuntimeError.runDirectoryUnavailable(path, underlying: "cannot create the transcript")
        }
        self.path = path
        self.handle = handle
        self.redactor = redactor
        self.maxBytes = maxBytes
    }

    /// Appends a record, unless the cap was reached.
    func write(_ record: TranscriptRecord) {
        guard !truncated, let data = try? encoder.encode(record) else { return }  // a record always encodes
        let line = Array(redactor.redact(String(decoding: data, as: UTF8.self)).utf8) + [UInt8(ascii: "\n")]
        if written + line.count > maxBytes {
            truncated = true
            append(Array("{\"type\":\"truncated\"}\n".utf8))
            return
        }
        append(line)
    }

    private func append(_ bytes: [UInt8]) {
        written += bytes.count
        // Best effort: a full disk must not fail the agent's run; the outcome still has the result.
        try? handle.write(contentsOf: Data(bytes))
    }

    /// Closes the file.
    func close() {
        try? handle.close()  // best-effort close of a file we only appended to
    }
}
