public import AetCore
import Foundation
import Yams

extension Role {
    /// The front-matter keys aet reads.
    public static let keys = [
        "name", "description", "tools", "disallowedTools", "model", "runtime", "timeout", "idleTimeout",
        "maxTurns", "permission", "maxCostUSD", "maxTokens", "command", "allowNoChanges",
    ]

    /// Keys of Claude Code subagent files that aet accepts and ignores, so such a file can be copied in.
    public static let ignoredClaudeCodeKeys = [
        "background", "color", "disabled", "effort", "hooks", "initialPrompt", "isolation", "mcpServers", "memory",
        "permissionMode", "skills",
    ]

    /// Reads and checks a role file.
    ///
    /// - Parameters:
    ///   - text: The whole file: `---`, YAML front matter, `---`, Markdown instructions.
    ///   - path: The file as shown to the user, e.g. `.aet/agents/reviewer.md`; its base name must be the
    ///     role's `name`.
    /// - Throws: ``ValidationFailure`` naming the file, the line when known and the field.
    public init(parsing text: String, path: String) throws(ValidationFailure) {
        let reader = RoleFileReader(path: path)
        let parts: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): parts = split
        case .failure(.missing):
            throw reader.failure(
                line: 1,
                "the file does not start with front matter: begin it with a line ---, the keys "
                    + "(name, description, …), another line ---, then the instructions."
            )
        case .failure(.unterminated):
            throw reader.failure(
                line: 1,
                "the front matter is never closed: end it with a line --- before the instructions."
            )
        }
        let root: Node?
        // The basic resolver: values are read from their text, see RoleFileReader; no regex resolver at start-up.
        do { root = try Yams.compose(yaml: parts.yaml, .basic) } catch { throw reader.invalidYAML(error) }
        guard let root, !RoleFileReader.isNull(root) else {
            throw reader.failure(line: 2, "the front matter is empty: add at least name and description.")
        }
        guard let mapping = root.mapping else {
            throw reader.failure(line: 2, "the front matter must be keys with values, such as name: reviewer.")
        }
        var fields: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if Self.ignoredClaudeCodeKeys.contains(key) { continue }
            guard Self.keys.contains(key) else { throw reader.unknownKey(keyNode, key) }
            if !RoleFileReader.isNull(value) { fields[key] = value }
        }
        self = try reader.role(fields, mapping: root, body: parts)
    }
}

extension RoleFileReader {
    /// The role's name from the file's base name: `reviewer` for `.aet/agents/reviewer.md`.
    var expectedName: String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
    }

    func unknownKey(_ node: Node, _ key: String) -> ValidationFailure {
        let folded = { (text: String) in text.lowercased().filter { $0 != "_" && $0 != "-" } }
        if let match = Role.keys.first(where: { folded($0) == folded(key) }) {
            return failure(node, field: key, "unknown key: did you mean \(match)?")
        }
        return failure(
            node,
            field: RoleFileReader.quoted(key),
            "unknown key: aet reads \(Role.keys.joined(separator: ", ")) (docs/roles.md)."
        )
    }

    /// Builds and checks the role from the front matter's fields and the body.
    func role(_ fields: [String: Node], mapping: Node, body: FrontMatter) throws(ValidationFailure) -> Role {
        guard let nameNode = fields["name"] else {
            throw failure(nil, field: "name", "missing: add name: \(expectedName) (the file's base name).")
        }
        let name = try text(nameNode, field: "name")
        guard RoleFileReader.isRoleName(name) else {
            throw failure(
                nameNode,
                field: "name",
                "\(RoleFileReader.quoted(name)) is not a role name: "
                    + "use lowercase letters, digits, '-' and '_' (at most 60)."
            )
        }
        guard name == expectedName else {
            throw failure(
                nameNode,
                field: "name",
                "\(name) does not match the file name \(expectedName).md: rename the file or change the name."
            )
        }
        guard let descriptionNode = fields["description"] else {
            throw failure(nil, field: "description", "missing: say in a sentence what the role does.")
        }
        var role = Role(
            name: name,
            description: try text(descriptionNode, field: "description"),
            instructions: body.body
        )
        if let node = fields["tools"] { role.tools = try tools(node, field: "tools") }
        if let node = fields["disallowedTools"] { role.disallowedTools = try tools(node, field: "disallowedTools") }
        if let node = fields["model"] { role.model = try model(node) }
        if let node = fields["runtime"] { role.runtime = try runtime(node) }
        if let node = fields["timeout"] { role.timeout = try duration(node, field: "timeout") }
        if let node = fields["idleTimeout"] { role.idleTimeout = try duration(node, field: "idleTimeout") }
        if let node = fields["maxTurns"] { role.maxTurns = try integer(node, field: "maxTurns", in: 1...1000) }
        if let node = fields["permission"] { role.permission = try permission(node) }
        if let node = fields["maxCostUSD"] { role.maxCostUSD = try cost(node) }
        if let node = fields["maxTokens"] {
            role.maxTokens = try integer(node, field: "maxTokens", in: 1...1_000_000_000)
        }
        if let node = fields["command"] { role.command = try command(node) }
        if let node = fields["allowNoChanges"] { role.allowNoChanges = try boolean(node, field: "allowNoChanges") }
        try check(role, fields, mapping: mapping, body: body)
        return role
    }

    /// The rules that tie fields together, and the body.
    private func check(
        _ role: Role,
        _ fields: [String: Node],
        mapping: Node,
        body: FrontMatter
    ) throws(ValidationFailure) {
        if let idle = role.idleTimeout, let timeout = role.timeout, idle > timeout {
            throw failure(
                fields["idleTimeout"],
                field: "idleTimeout",
                "\(DurationText.format(idle)) is longer than timeout \(DurationText.format(timeout)): make it shorter."
            )
        }
        if role.permission == .readOnly,
            let tool = role.tools.first(where: { Role.editingTools.contains(ToolList.baseName($0)) })
        {
            throw failure(
                fields["tools"],
                field: "tools",
                "\(tool) changes files, but permission is readOnly: remove \(tool) or use permission: editWorkspace."
            )
        }
        if role.runtime != .command, role.command != nil {
            throw failure(
                fields["command"],
                field: "command",
                "is only used with runtime: command: remove it or set the runtime."
            )
        }
        guard !role.instructions.isEmpty else {
            throw failure(
                line: body.closingLine,
                "the role has no instructions: write them in Markdown after the closing ---."
            )
        }
    }

    static func isRoleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 60,
            ("a"..."z").contains(first) || ("0"..."9").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
