/// Why a run's output holds no usable verdict. The run fails with ``description`` as its reason;
/// it is never taken as an approval.
///
/// ```swift
/// do {
///     verdict = try VerdictParser().parse(structuredOutput: nil, finalMessage: text)
/// } catch {
///     error.code == .noVerdict
///     error.description  // "the reviewer's final message has no ```json verdict block"
/// }
/// ```
public struct VerdictFailure: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure, for tests, metrics and retries.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case noVerdict = "no_verdict"
            case invalidJSON = "invalid_json"
            case notAnObject = "not_an_object"
            case unexpectedKey = "unexpected_key"
            case unknownVerdict = "unknown_verdict"
            case invalidReasons = "invalid_reasons"
            case noReasonGiven = "no_reason_given"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The final message is empty or has no `json` block (and there is no structured output).
        public static let noVerdict = Code(.noVerdict)
        /// The verdict text is not JSON.
        public static let invalidJSON = Code(.invalidJSON)
        /// The JSON is not an object.
        public static let notAnObject = Code(.notAnObject)
        /// The object has a key other than `verdict` and `reasons`.
        public static let unexpectedKey = Code(.unexpectedKey)
        /// `verdict` is missing or not `approve`/`request_changes`.
        public static let unknownVerdict = Code(.unknownVerdict)
        /// `reasons` is missing or not a list of non-empty strings.
        public static let invalidReasons = Code(.invalidReasons)
        /// `request_changes` with no reason.
        public static let noReasonGiven = Code(.noReasonGiven)

        /// A stable snake_case name, e.g. `no_verdict`.
        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// The sentence shown to people and recorded as the run's failure reason.
    public let description: String
    /// More detail for logs (e.g. the JSON parser's message); may quote the agent's output.
    public let debugDescription: String

    init(_ code: Code, _ description: String, detail: String? = nil) {
        self.code = code
        self.description = description
        self.debugDescription = detail.map { "\(description) (\($0))" } ?? description
    }

    /// The code's name, with no payload: safe as a metric label.
    public var shortDescription: String { code.description }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
