/// The ordered stages a full-mode ticket goes through.
///
/// ```swift
/// let pipeline = Pipeline.default
/// pipeline.stages.map(\.name)  // plan, design, implement, review, test, integrate
/// ```
public struct Pipeline: Sendable, Hashable, Codable {
    /// One step of the pipeline, run by one role.
    public struct Stage: Sendable, Hashable, Codable {
        /// The stage's name, unique in the pipeline.
        public var name: StageName
        /// The role (a file in `.aet/agents/`) that runs it.
        public var role: String
        /// For a gate: the stage a failing verdict sends the ticket back to.
        public var sendsBackTo: StageName?

        /// Creates a stage.
        /// - Parameters:
        ///   - name: The stage's name.
        ///   - role: The role that runs it.
        ///   - sendsBackTo: For a gate, where a failure sends the ticket.
        public init(name: StageName, role: String, sendsBackTo: StageName? = nil) {
            self.name = name
            self.role = role
            self.sendsBackTo = sendsBackTo
        }

        /// Whether the stage can send the ticket back (review, test).
        public var isGate: Bool { sendsBackTo != nil }
    }

    /// The stages in order.
    public var stages: [Stage]
    /// How many times gates may send a ticket back before it fails into the DLQ.
    public var maxReworks: Int

    /// Creates a pipeline.
    /// - Parameters:
    ///   - stages: The stages in order.
    ///   - maxReworks: The bound on send-backs per ticket.
    public init(stages: [Stage], maxReworks: Int = 3) {
        self.stages = stages
        self.maxReworks = maxReworks
    }

    /// plan → design → implement → review → test → integrate, with review and test sending back to implement.
    public static let `default` = Pipeline(stages: [
        Stage(name: .plan, role: "planner"),
        Stage(name: .design, role: "architect"),
        Stage(name: .implement, role: "developer"),
        Stage(name: .review, role: "reviewer", sendsBackTo: .implement),
        Stage(name: .test, role: "tester", sendsBackTo: .implement),
        Stage(name: .integrate, role: "integrator"),
    ])

    /// The single stage of simple mode: one developer run.
    public static let simple = Pipeline(stages: [Stage(name: .implement, role: "developer")], maxReworks: 0)

    /// Checks names are unique and lowercase, roles named, and gates point at an earlier stage.
    /// - Throws: ``ValidationFailure`` naming the offending stage.
    public func validate() throws(ValidationFailure) {
        guard !stages.isEmpty else { throw ValidationFailure("the pipeline has no stages: list at least one.") }
        guard (0...100).contains(maxReworks) else {
            throw ValidationFailure("max_reworks \(maxReworks) is out of range: use 0 to 100.")
        }
        var seen: [StageName] = []
        for stage in stages {
            let name = stage.name.rawValue
            guard !name.isEmpty, name.count <= 40,
                name.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
                })
            else {
                throw ValidationFailure(
                    "stage name '\(name.prefix(40))' is invalid: use lowercase letters, digits, '-' or '_'.")
            }
            guard !seen.contains(stage.name) else {
                throw ValidationFailure("stage '\(name)' appears twice in the pipeline: give each stage a unique name.")
            }
            let role = stage.role
            guard !role.isEmpty else {
                throw ValidationFailure("stage '\(name)' has no role: name the role that runs it.")
            }
            guard role.count <= 60, !role.hasPrefix("."), !role.hasPrefix("-"),
                role.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                        || $0 == "_" || $0 == "."
                })
            else {
                throw ValidationFailure(
                    "stage '\(name)' has the role '\(role.prefix(40))', which is not a plain role name: use letters, digits, '-', '_' or '.' (the file .aet/agents/<role>.md)."
                )
            }
            if let target = stage.sendsBackTo, !seen.contains(target) {
                throw ValidationFailure("stage '\(name)' sends back to '\(target)', which is not an earlier stage.")
            }
            seen.append(stage.name)
        }
    }

    /// The stage after `name`, or nil when `name` is the last.
    /// - Parameter name: A stage of this pipeline.
    /// - Returns: The next stage.
    public func stage(after name: StageName) -> Stage? {
        guard let index = stages.firstIndex(where: { $0.name == name }), index + 1 < stages.count else { return nil }
        return stages[index + 1]
    }
}
