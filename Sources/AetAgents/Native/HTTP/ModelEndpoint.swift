import Foundation

/// Where a model API lives and how to authenticate: a base URL and an optional API key.
///
/// The key is never part of ``description``; only ``hasKey`` shows whether there is one.
public struct ModelEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The base URL without a trailing slash, e.g. `https://api.anthropic.com` or
    /// `http://127.0.0.1:11434/v1`.
    public var baseURL: String
    /// The API key, when there is one (a loopback server such as Ollama may need none).
    public var apiKey: String?

    /// Creates an endpoint.
    /// - Parameters:
    ///   - baseURL: The base URL; a trailing slash is dropped.
    ///   - apiKey: The API key; an empty one counts as none.
    public init(baseURL: String, apiKey: String?) {
        var url = baseURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.apiKey = apiKey?.isEmpty == false ? apiKey : nil
    }

    /// Whether there is an API key.
    public var hasKey: Bool { apiKey != nil }

    /// Whether the base URL points at this machine (`localhost`, `127.0.0.0/8`, `::1`).
    public var isLoopback: Bool {
        guard let host = URL(string: baseURL)?.host?.lowercased() else { return false }
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1"
            || host == "[::1]"
    }

    /// Why runs cannot start, or nil when they can: a non-loopback endpoint needs a key.
    /// - Parameter keyVariable: The variable that should hold the key, for the message.
    /// - Returns: A sentence, or nil.
    public func unavailableReason(keyVariable: String) -> String? {
        guard URL(string: baseURL)?.host != nil else {
            return "the base URL '\(baseURL.prefix(200))' is not a valid URL"
        }
        if hasKey || isLoopback { return nil }
        return "no API key: set \(keyVariable) (only a loopback base URL such as a local Ollama may go without one)"
    }

    /// The base URL; never the key.
    public var description: String { baseURL }
}
