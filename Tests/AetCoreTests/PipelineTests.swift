import AetCore
import Testing

/// The default and simple pipelines, and the checks on a configured one.
@Suite struct PipelineTests {
    private typealias Stage = Pipeline.Stage

    @Test("the default pipeline has six stages in order")
    func defaultStages() throws {
        let pipeline = Pipeline.default
        #expect(pipeline.stages.map(\.name) == [.plan, .design, .implement, .review, .test, .integrate])
        #expect(pipeline.stages.map(\.name.rawValue) == ["plan", "design", "implement", "review", "test", "integrate"])
        #expect(
            pipeline.stages.map(\.role) == ["planner", "architect", "developer", "reviewer", "tester", "integrator"]
        )
        #expect(pipeline.maxReworks == 3)
        try pipeline.validate()
    }

    @Test("review and test are the gates, and send back to implement")
    func defaultGates() {
        let gates = Pipeline.default.stages.filter(\.isGate)
        #expect(gates.map(\.name) == [.review, .test])
        #expect(gates.allSatisfy { $0.sendsBackTo == .implement })
        #expect(Pipeline.default.stages.filter { !$0.isGate }.allSatisfy { $0.sendsBackTo == nil })
    }

    @Test("the simple pipeline is one developer run with no reworks")
    func simple() throws {
        #expect(Pipeline.simple.stages == [Stage(name: .implement, role: "developer")])
        #expect(Pipeline.simple.maxReworks == 0)
        try Pipeline.simple.validate()
    }

    @Test(
        "stage(after:) gives the next stage, or nil after the last",
        arguments: [
            (StageName.plan, StageName?.some(.design)), (.design, .implement), (.implement, .review),
            (.review, .test), (.test, .integrate), (.integrate, nil), ("deploy", nil),
        ]
    )
    func stageAfter(name: StageName, next: StageName?) {
        #expect(Pipeline.default.stage(after: name)?.name == next)
    }

    @Test("stage names may use lowercase letters, digits, '-' and '_', up to 40 characters")
    func validNames() throws {
        try Pipeline(stages: [
            Stage(name: "lint-2", role: "linter"),
            Stage(name: "unit_tests", role: "tester", sendsBackTo: "lint-2"),
            Stage(name: StageName(rawValue: String(repeating: "a", count: 40)), role: "r"),
        ]).validate()
    }

    @Test("maxReworks 0 and 100 are the bounds", arguments: [0, 100])
    func maxReworksInRange(maxReworks: Int) throws {
        try Pipeline(stages: Pipeline.default.stages, maxReworks: maxReworks).validate()
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let pipeline: Pipeline
        let expected: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "no stages", pipeline: Pipeline(stages: []), expected: "no stages"),
        Refusal(
            name: "duplicate names",
            pipeline: Pipeline(stages: [Stage(name: .plan, role: "a"), Stage(name: .plan, role: "b")]),
            expected: "'plan' appears twice"
        ),
        Refusal(
            name: "uppercase name",
            pipeline: Pipeline(stages: [Stage(name: "Plan", role: "a")]),
            expected: "'Plan' is invalid"
        ),
        Refusal(
            name: "empty name",
            pipeline: Pipeline(stages: [Stage(name: "", role: "a")]),
            expected: "'' is invalid"
        ),
        Refusal(
            name: "space in name",
            pipeline: Pipeline(stages: [Stage(name: "a b", role: "a")]),
            expected: "'a b' is invalid"
        ),
        Refusal(
            name: "non-ASCII name",
            pipeline: Pipeline(stages: [Stage(name: "révue", role: "a")]),
            expected: "is invalid"
        ),
        Refusal(
            name: "41-character name",
            pipeline: Pipeline(stages: [Stage(name: StageName(rawValue: String(repeating: "a", count: 41)), role: "a")]
            ),
            expected: "is invalid"
        ),
        Refusal(
            name: "empty role",
            pipeline: Pipeline(stages: [Stage(name: .plan, role: "")]),
            expected: "has no role"
        ),
        Refusal(
            name: "sends back to a later stage",
            pipeline: Pipeline(stages: [
                Stage(name: .review, role: "r", sendsBackTo: .implement), Stage(name: .implement, role: "d"),
            ]),
            expected: "sends back to 'implement', which is not an earlier stage"
        ),
        Refusal(
            name: "sends back to an unknown stage",
            pipeline: Pipeline(stages: [
                Stage(name: .implement, role: "d"), Stage(name: .review, role: "r", sendsBackTo: "deploy"),
            ]),
            expected: "sends back to 'deploy'"
        ),
        Refusal(
            name: "sends back to itself",
            pipeline: Pipeline(stages: [Stage(name: .review, role: "r", sendsBackTo: .review)]),
            expected: "sends back to 'review'"
        ),
        Refusal(
            name: "maxReworks -1",
            pipeline: Pipeline(stages: Pipeline.default.stages, maxReworks: -1),
            expected: "max_reworks -1"
        ),
        Refusal(
            name: "maxReworks 101",
            pipeline: Pipeline(stages: Pipeline.default.stages, maxReworks: 101),
            expected: "max_reworks 101"
        ),
    ]

    @Test(
        "a role must be a plain file name in .aet/agents/",
        arguments: ["../../etc/passwd", "a/b", "/abs", ".", "..", "x\0y"]
    )
    func roleIsPlainFileName(role: String) {
        #expect(throws: ValidationFailure.self) { try Pipeline(stages: [Stage(name: .plan, role: role)]).validate() }
    }

    @Test("invalid pipelines are refused, naming the problem", arguments: refusals)
    func refused(refusal: Refusal) {
        let failure = #expect(throws: ValidationFailure.self) { try refusal.pipeline.validate() }
        #expect(failure?.message.contains(refusal.expected) == true, "\(failure?.message ?? "no failure")")
    }
}
