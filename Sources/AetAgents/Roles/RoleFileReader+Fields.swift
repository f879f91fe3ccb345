import AetCore
import Foundation
import Yams

extension RoleFileReader {
    /// `model:`; `inherit` (Claude Code's "the parent's model") means the runtime's default.
    func model(_ node: Node) throws(ValidationFailure) -> String? {
        let model = try text(node, field: "model")
        guard model.count <= 100, !model.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw failure(
                node,
                field: "model",
                "\(Self.quoted(model)) is not a model name: write one word, such as sonnet."
            )
        }
        return model == "inherit" ? nil : model
    }

    /// A yes/no value: `true` or `false`.
    func boolean(_ node: Node, field: String) throws(ValidationFailure) -> Bool {
        guard node.scalar != nil, let value = node.bool else {
            throw failure(node, field: field, "\(Self.quoted(node)) is not true or false: write one of them.")
        }
        return value
    }

    /// `runtime:`, one of ``Role/runtimes``.
    func runtime(_ node: Node) throws(ValidationFailure) -> RuntimeID {
        let runtime = try text(node, field: "runtime")
        guard Role.runtimes.contains(RuntimeID(rawValue: runtime)) else {
            let all = Role.runtimes.map(\.rawValue).joined(separator: ", ")
            throw failure(node, field: "runtime", "\(Self.quoted(runtime)) is not a runtime: use one of \(all).")
        }
        return RuntimeID(rawValue: runtime)
    }

    /// `permission:`, a raw value of ``Role/Permission``.
    func permission(_ node: Node) throws(ValidationFailure) -> Role.Permission {
        let text = try text(node, field: "permission")
        guard let permission = Role.Permission(rawValue: text) else {
            let all = Role.Permission.allCases.map(\.rawValue).joined(separator: ", ")
            throw failure(node, field: "permission", "\(Self.quoted(text)) is not a permission: use one of \(all).")
        }
        return permission
    }

    /// `maxCostUSD:`, a plain decimal number of dollars above 0 and at most 10 000.
    func cost(_ node: Node) throws(ValidationFailure) -> Decimal {
        let text = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isPlainNumber =
            (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isPlainNumber, text.count <= 20,
            let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw failure(node, field: "maxCostUSD", "\(Self.quoted(node)) is not an amount: write dollars like 2.50.")
        }
        guard amount > 0, amount <= 10_000 else {
            throw failure(node, field: "maxCostUSD", "\(text) is out of range: use more than 0 and at most 10000.")
        }
        return amount
    }

    /// `command:`, a one-line ``CommandTemplate``.
    func command(_ node: Node) throws(ValidationFailure) -> String {
        if node.mapping != nil {
            throw failure(
                node,
                field: "command",
                "YAML reads a line starting with { as a mapping: quote it, as in command: \"{run_dir}/agent.sh\"."
            )
        }
        let command = try text(node, field: "command")
        guard !command.contains(where: \.isNewline), command.count <= 4000 else {
            throw failure(node, field: "command", "write the command on one line, at most 4000 characters.")
        }
        do { _ = try CommandTemplate(parsing: command) } catch {
            throw failure(node, field: "command", error.description)
        }
        return command
    }
}
