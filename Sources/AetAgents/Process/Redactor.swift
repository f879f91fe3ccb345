import Foundation

/// Replaces secret values with `[REDACTED]` in text shown to people: command lines, logs, events.
///
/// A secret is the value of any environment variable whose name contains `KEY`, `TOKEN`, `SECRET`,
/// `PASSWORD`, `PASSWD` or `CREDENTIAL` (case-insensitive), when the value is at least
/// ``minimumSecretLength`` characters long (shorter values such as `1` or `true` would redact
/// innocent text and protect nothing).
///
/// ```swift
/// let redactor = Redactor(environment: ["ANTHROPIC_API_KEY": "sk-ant-123456789"])
/// redactor.redact("curl -H 'x-api-key: sk-ant-123456789'")  // "curl -H 'x-api-key: [REDACTED]'"
/// ```
public struct Redactor: Sendable, Hashable {
    /// What a secret is replaced with.
    public static let replacement = "[REDACTED]"
    /// The shortest value treated as a secret.
    public static let minimumSecretLength = 6
    /// Name fragments that mark a variable as secret.
    public static let secretNameFragments = ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL"]

    /// A redactor that changes nothing.
    public static let none = Redactor(secrets: [])

    /// The secret values, longest first (so a secret containing another is replaced whole).
    public let secrets: [String]
    private let secretBytes: [[UInt8]]

    /// Creates a redactor for the given secret values.
    /// - Parameter secrets: Values to hide; those shorter than ``minimumSecretLength`` are ignored.
    public init(secrets: some Sequence<String>) {
        let unique = Set(secrets.filter { $0.utf8.count >= Self.minimumSecretLength })
        self.secrets = unique.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
        self.secretBytes = self.secrets.map { Array($0.utf8) }
    }

    /// Creates a redactor for the secret-named variables of an environment.
    /// - Parameter environment: Variables, e.g. aet's own environment plus the agent's.
    public init(environment: [String: String]) {
        self.init(secrets: environment.filter { Self.isSecretName($0.key) }.map(\.value))
    }

    /// Whether a variable's name marks its value as secret.
    /// - Parameter name: The variable's name.
    /// - Returns: `true` for names containing `KEY`, `TOKEN`, `SECRET`, `PASSWORD`, `PASSWD` or `CREDENTIAL`.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return secretNameFragments.contains { upper.contains($0) }
    }

    /// A redactor hiding the secrets of both.
    /// - Parameter other: Another redactor.
    /// - Returns: The union.
    public func merging(_ other: Redactor) -> Redactor { Redactor(secrets: secrets + other.secrets) }

    /// Replaces every secret in a text: the configured values and the known shapes (``SecretShapes``).
    /// - Parameter text: The text.
    /// - Returns: The text with each secret replaced by ``replacement``.
    public func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let redacted = redact(bytes: bytes)
        return redacted.count == bytes.count && redacted == bytes ? text : String(decoding: redacted, as: UTF8.self)
    }

    /// Replaces every secret in raw bytes (matched as UTF-8): the known shapes, then the configured values.
    /// - Parameter bytes: The bytes.
    /// - Returns: The bytes with each secret replaced by ``replacement``.
    public func redact(bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var result = SecretShapes.redact(bytes)
        guard !secretBytes.isEmpty else { return result }
        let replacement = Array(Self.replacement.utf8)
        for secret in secretBytes where result.count >= secret.count {
            guard result.firstRange(of: secret) != nil else { continue }
            var output: [UInt8] = []
            output.reserveCapacity(result.count)
            var index = result.startIndex
            while let range = result[index...].firstRange(of: secret) {
                output.append(contentsOf: result[index..<range.lowerBound])
                output.append(contentsOf: replacement)
                index = range.upperBound
            }
            output.append(contentsOf: result[index...])
            result = output
        }
        return result
    }

    /// Rewrites a file that aet keeps but did not write itself (an agent's own transcript) with
    /// every secret replaced; a file without secrets is left untouched.
    /// - Parameter path: The file.
    /// - Returns: Whether the file had secrets (and was rewritten).
    /// - Throws: A file-system error when it cannot be read or written back.
    @discardableResult
    public func redactFile(at path: String) throws -> Bool {
        let url = URL(fileURLWithPath: path)
        let bytes = Array(try Data(contentsOf: url))
        let redacted = redact(bytes: bytes)
        guard redacted != bytes else { return false }
        try Data(redacted).write(to: url, options: .atomic)
        return true
    }
}
