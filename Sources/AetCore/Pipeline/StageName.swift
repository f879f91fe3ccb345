/// The name of a pipeline stage, e.g. `implement`.
public struct StageName: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The stage's name as written in the config and stored in events.
    public let rawValue: String

    /// Wraps a stage name.
    /// - Parameter rawValue: A lowercase name such as `review`.
    public init(rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let plan: StageName = "plan"
    public static let design: StageName = "design"
    public static let implement: StageName = "implement"
    public static let review: StageName = "review"
    public static let test: StageName = "test"
    public static let integrate: StageName = "integrate"

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
