/// Input that aet refuses: a sentence saying what is wrong and what to do.
///
/// The message never contains secrets; it may quote at most a short prefix of the input.
public struct ValidationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sentence shown to the user.
    public let message: String

    /// Creates a validation failure.
    /// - Parameter message: One sentence: what is wrong and what to do.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
