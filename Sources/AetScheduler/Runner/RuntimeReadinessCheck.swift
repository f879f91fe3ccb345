import AetAgents
import AetCore
import Foundation

/// Before `aet process` takes a ticket: are the runtimes of the roles its remaining stages need
/// ready (program installed, credentials usable)? Each runtime is checked once per runner (its
/// `--version` probe spawns a process); the project's test command is not checked here (a missing
/// test program fails the test gate like failing tests).
actor RuntimeReadinessCheck {
    private let environment: StageEnvironment
    private var checked: [String: RuntimeReadiness] = [:]

    init(environment: StageEnvironment) { self.environment = environment }

    /// Why the ticket cannot be taken now, or nil when every runtime it needs is ready.
    /// - Parameters:
    ///   - ticket: The ticket about to be taken.
    ///   - forceSimple: Whether it will run in simple mode (`aet process --simple`).
    /// - Returns: One sentence: which runtime, which roles, what is missing and how to fix it.
    func problem(for ticket: TicketState, forceSimple: Bool) async -> String? {
        let mode = forceSimple && ticket.currentStage == nil ? TicketMode.simple : ticket.mode
        var stages = environment.settings.pipeline(for: mode).stages
        if let current = ticket.currentStage, let index = stages.firstIndex(where: { $0.name == current }) {
            stages = Array(stages[index...])
        }
        var users: [String: [String]] = [:]
        var order: [String] = []
        var runtimes: [String: any AgentRuntime] = [:]
        for stage in stages {
            guard let role = environment.roles[stage.role], !role.runsProjectTestCommand else { continue }
            let runtime: any AgentRuntime
            do {
                runtime = try environment.runtimes.runtime(for: role, stage: stage, testCommand: nil)
            } catch {
                return "\(ticket.id) was not started: the role \(role.name) has no usable runtime: \(error)"
            }
            let key = runtime.id == .command ? "command:\(role.name)" : runtime.id.rawValue
            if users[key] == nil { order.append(key) }
            if users[key]?.contains(role.name) != true { users[key, default: []].append(role.name) }
            runtimes[key] = runtime
        }
        for key in order {
            guard let runtime = runtimes[key] else { continue }
            let readiness: RuntimeReadiness
            if let known = checked[key] {
                readiness = known
            } else {
                readiness = await runtime.readiness()
                checked[key] = readiness
            }
            guard let problem = readiness.problem else { continue }
            let roles = users[key, default: []].joined(separator: ", ")
            return "\(ticket.id) was not started: the runtime \(runtime.id) (for \(roles)) is not ready: "
                + Self.sentence(problem)
        }
        return nil
    }

    /// A problem as the tail of a sentence: no trailing full stop (the caller ends the sentence).
    static func sentence(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix(".") { text.removeLast() }
        return text + "."
    }
}
