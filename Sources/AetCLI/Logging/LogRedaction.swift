public import Logging

/// Hides secrets in log metadata: a value whose key contains `key`, `token`, `secret`, `password` or
/// `authorization` (in any case, at any depth) is written as `[REDACTED]`.
public enum LogRedaction {
    /// The replacement text.
    public static let placeholder = "[REDACTED]"

    /// The key fragments that mark a secret.
    public static let sensitiveFragments = ["key", "token", "secret", "password", "authorization"]

    /// Whether a metadata key names a secret.
    /// - Parameter key: The metadata key, e.g. `api_key`.
    /// - Returns: True when its value must not be written.
    public static func isSensitive(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return sensitiveFragments.contains { lowered.contains($0) }
    }

    /// A log event's metadata, redacted: the handler's own, then the provider's, then the event's
    /// (later ones win on a shared key).
    /// - Parameters:
    ///   - handler: The handler's metadata.
    ///   - provider: The handler's metadata provider.
    ///   - event: The event's own metadata.
    /// - Returns: The merged metadata with every secret replaced.
    public static func merged(
        _ handler: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?
    ) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let event { merged.merge(event) { _, new in new } }
        return redacted(merged)
    }

    /// The metadata with every secret replaced, nested dictionaries and arrays included.
    /// - Parameter metadata: The metadata to write.
    /// - Returns: Safe metadata.
    public static func redacted(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = Logger.Metadata(minimumCapacity: metadata.count)
        for (key, value) in metadata {
            result[key] = isSensitive(key) ? .string(placeholder) : redacted(value)
        }
        return result
    }

    private static func redacted(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .dictionary(let nested): .dictionary(redacted(nested))
        case .array(let values): .array(values.map(redacted))
        case .string, .stringConvertible: value
        }
    }
}
