/// The work of a command failed (exit code 1), e.g. a file could not be written.
///
/// Bad input is a ``AetCore/ValidationFailure`` (exit code 2) instead.
struct CommandFailure: Error, CustomStringConvertible {
    /// One sentence for the user, without secrets.
    let message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
