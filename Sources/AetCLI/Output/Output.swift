import Foundation

/// Writes a command's results to standard output: lines for people, JSON for programs.
struct Output {
    /// The environment whose standard output is written.
    let environment: CLIEnvironment

    /// Writes one line.
    func write(_ line: String) { environment.standardOutput.writeLine(line) }

    /// Writes lines.
    func write(lines: [String]) {
        for line in lines { write(line) }
    }

    /// Writes a value as pretty JSON with sorted keys.
    /// - Throws: `EncodingError`.
    func writeJSON(_ value: some Encodable) throws {
        let data = try JSONOutput.makeEncoder(pretty: true).encode(value)
        write(String(decoding: data, as: UTF8.self))
    }
}
