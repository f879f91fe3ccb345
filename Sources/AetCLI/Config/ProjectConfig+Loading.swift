import AetCore
import Logging
import Yams

extension ProjectConfig {
    /// Reads and checks `.aet/config.yaml`; a missing file means the defaults.
    /// - Parameter paths: The project.
    /// - Returns: The checked config.
    /// - Throws: ``ValidationFailure`` naming the file, line and key of the first problem;
    ///   ``CommandFailure`` when the file cannot be read.
    static func load(from paths: ProjectPaths) throws -> ProjectConfig {
        guard let text = try Paths.readText(paths.configFile) else { return ProjectConfig() }
        return try parse(yaml: text, file: paths.display(paths.configFile))
    }

    /// Parses and checks config YAML.
    /// - Parameters:
    ///   - text: The YAML text.
    ///   - file: The file name used in error messages.
    /// - Returns: The config; keys that are absent keep their defaults.
    /// - Throws: ``ValidationFailure`` naming the file, line and key of the first problem.
    static func parse(yaml text: String, file: String) throws(ValidationFailure) -> ProjectConfig {
        let reader = ConfigReader(file: file)
        let root: Node?
        // The basic resolver: values are read from their text (node.int, node.null), so the default
        // resolver's regular expressions (ICU, milliseconds at every start) are not needed.
        do { root = try Yams.compose(yaml: text, .basic) } catch { throw reader.invalidYAML(error) }
        var config = ProjectConfig()
        guard let root else { return config }
        for (key, value) in try reader.mapping(
            root,
            key: "(top level)",
            allowed: [
                "project", "pipeline", "log_level", "store", "test_command", "agents", "workspace", "runtimes",
                "budget",
            ]
        ) {
            switch key {
            case "project":
                for (key, value) in try reader.mapping(value, key: "project", allowed: ["base_branch"])
                where key == "base_branch" {
                    config.baseBranch = try reader.string(value, key: "project.base_branch")
                    do { try BranchName.validate(config.baseBranch) } catch {
                        throw reader.failure(value, "project.base_branch", error.message)
                    }
                }
            case "pipeline":
                config.pipeline = try reader.pipeline(value)
            case "test_command":
                config.testCommand = try reader.string(value, key: "test_command")
            case "agents":
                try reader.agents(value, into: &config)
            case "workspace":
                try reader.workspace(value, into: &config)
            case "runtimes":
                config.runtimes = try reader.runtimes(value)
            case "budget":
                config.ticketBudget = try reader.budget(value)
            case "log_level":
                let text = try reader.string(value, key: "log_level")
                do { config.logLevel = try LogLevels.parse(text, source: nil) } catch {
                    throw reader.failure(value, "log_level", error.message)
                }
            default:
                config.store = try reader.string(value, key: "store")
            }
        }
        return config
    }
}

/// Reads YAML nodes, turning every problem into a sentence naming the file, line and key.
private struct ConfigReader {
    let file: String

    func failure(_ node: Node?, _ key: String, _ problem: String) -> ValidationFailure {
        let line = node?.mark.map { ", line \($0.line)" } ?? ""
        return ValidationFailure("\(file)\(line), key \(key): \(problem)")
    }

    func invalidYAML(_ error: any Error) -> ValidationFailure {
        let detail: String
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            detail = "line \(mark.line), column \(mark.column): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            detail = "a key appears twice (\(duplicates.joined(separator: ", ")))"
        default:
            detail = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "unreadable"
        }
        return ValidationFailure(
            "\(file) is not valid YAML (\(detail)): fix it, or run aet init --force to write the defaults."
        )
    }

    func mapping(_ node: Node, key: String, allowed: [String]) throws(ValidationFailure) -> [(String, Node)] {
        // A section whose keys are all commented out (`budget:` then comments) is empty, not an error.
        if node.null != nil, key != "(top level)" { return [] }
        guard let mapping = node.mapping else { throw failure(node, key, "expected a mapping of keys to values.") }
        var result: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string, allowed.contains(name) else {
                let name = keyNode.scalar?.string ?? "?"
                let path = key == "(top level)" ? name : "\(key).\(name)"
                throw failure(keyNode, path, "unknown key: use \(allowed.joined(separator: ", ")).")
            }
            result.append((name, value))
        }
        return result
    }

    func string(_ node: Node, key: String) throws(ValidationFailure) -> String {
        guard let text = node.scalar?.string, !text.isEmpty else {
            throw failure(node, key, "expected a non-empty text value.")
        }
        return text
    }

    func int(_ node: Node, key: String) throws(ValidationFailure) -> Int {
        guard let value = node.int else { throw failure(node, key, "expected a whole number.") }
        return value
    }

    func int(_ node: Node, key: String, in range: ClosedRange<Int>) throws(ValidationFailure) -> Int {
        let value = try int(node, key: key)
        guard range.contains(value) else {
            throw failure(node, key, "\(value) is out of range: use \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    func agents(_ node: Node, into config: inout ProjectConfig) throws(ValidationFailure) {
        let keys = ["runtime", "concurrency", "max_run_attempts", "retry_backoff_seconds", "keep_runs"]
        for (key, value) in try mapping(node, key: "agents", allowed: keys) {
            switch key {
            case "runtime":
                let name = try string(value, key: "agents.runtime")
                guard RuntimeNames.all.contains(name) else {
                    throw failure(
                        value, "agents.runtime",
                        "unknown runtime '\(name.prefix(40))': use \(RuntimeNames.all.joined(separator: ", ")).")
                }
                config.defaultRuntime = name
            case "concurrency": config.concurrency = try int(value, key: "agents.concurrency", in: 1...64)
            case "max_run_attempts": config.maxRunAttempts = try int(value, key: "agents.max_run_attempts", in: 1...20)
            case "retry_backoff_seconds":
                config.retryBackoffSeconds = try int(value, key: "agents.retry_backoff_seconds", in: 0...3600)
            default: config.keepRuns = try int(value, key: "agents.keep_runs", in: 1...1_000_000)
            }
        }
    }

    func workspace(_ node: Node, into config: inout ProjectConfig) throws(ValidationFailure) {
        for (key, value) in try mapping(node, key: "workspace", allowed: ["setup", "copy"]) {
            if key == "setup" {
                config.worktreeSetup = try string(value, key: "workspace.setup")
                continue
            }
            guard let sequence = value.sequence else {
                throw failure(value, "workspace.copy", "expected a list of paths.")
            }
            config.worktreeCopy = try sequence.map { (item: Node) throws(ValidationFailure) -> String in
                let path = try string(item, key: "workspace.copy")
                guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                    throw failure(
                        item, "workspace.copy",
                        "'\(path.prefix(60))' must be a path inside the repository, relative to its root.")
                }
                return path
            }
        }
    }

    func budget(_ node: Node) throws(ValidationFailure) -> TicketBudget {
        var budget = TicketBudget()
        for (key, value) in try mapping(
            node, key: "budget", allowed: ["max_tokens", "max_cost_usd", "max_minutes", "max_turns"])
        {
            switch key {
            case "max_tokens": budget.maxTokens = Int64(try int(value, key: "budget.max_tokens", in: 1...Int.max))
            case "max_minutes":
                budget.maxWallSeconds = Int64(try int(value, key: "budget.max_minutes", in: 1...43_200)) * 60
            case "max_turns": budget.maxTurns = Int64(try int(value, key: "budget.max_turns", in: 1...1_000_000))
            default:
                let text = try string(value, key: "budget.max_cost_usd")
                do { budget.maxCostMicros = try BudgetParser.dollars(text, source: "budget.max_cost_usd") } catch {
                    throw failure(value, "budget.max_cost_usd", "expected an amount of US dollars, e.g. 10 or 2.50.")
                }
            }
        }
        return budget
    }

    func runtimes(_ node: Node) throws(ValidationFailure) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for (name, value) in try mapping(node, key: "runtimes", allowed: RuntimeNames.configurable.keys.sorted()) {
            let allowed = RuntimeNames.configurable[name] ?? []
            var settings: [String: String] = [:]
            for (key, setting) in try mapping(value, key: "runtimes.\(name)", allowed: allowed) {
                settings[key] = try string(setting, key: "runtimes.\(name).\(key)")
            }
            result[name] = settings
        }
        return result
    }

    func pipeline(_ node: Node) throws(ValidationFailure) -> Pipeline {
        var pipeline = Pipeline.default
        var stageNodes: [Node] = []
        var maxReworksNode: Node?
        for (key, value) in try mapping(node, key: "pipeline", allowed: ["max_reworks", "stages"]) {
            if key == "max_reworks" {
                pipeline.maxReworks = try int(value, key: "pipeline.max_reworks")
                maxReworksNode = value
                continue
            }
            guard let sequence = value.sequence else {
                throw failure(value, "pipeline.stages", "expected a list of stages.")
            }
            stageNodes = Array(sequence)
            pipeline.stages = try stageNodes.enumerated().map { (index, node) throws(ValidationFailure) in
                try stage(node, index: index)
            }
        }
        do { try pipeline.validate() } catch {
            throw culprit(
                of: pipeline,
                stageNodes: stageNodes,
                maxReworksNode: maxReworksNode,
                pipelineNode: node,
                error: error
            )
        }
        return pipeline
    }

    private func stage(_ node: Node, index: Int) throws(ValidationFailure) -> Pipeline.Stage {
        let key = "pipeline.stages[\(index)]"
        var name: String?
        var role: String?
        var target: String?
        for (field, value) in try mapping(node, key: key, allowed: ["name", "role", "sends_back_to"]) {
            let text = try string(value, key: "\(key).\(field)")
            switch field {
            case "name": name = text
            case "role": role = text
            default: target = text
            }
        }
        guard let name else { throw failure(node, "\(key).name", "every stage needs a name.") }
        guard let role else { throw failure(node, "\(key).role", "stage '\(name)' needs a role.") }
        return Pipeline.Stage(
            name: StageName(rawValue: name),
            role: role,
            sendsBackTo: target.map(StageName.init(rawValue:))
        )
    }

    /// Finds the key that made `Pipeline.validate()` fail, and words the failure with it.
    private func culprit(
        of pipeline: Pipeline,
        stageNodes: [Node],
        maxReworksNode: Node?,
        pipelineNode: Node,
        error: ValidationFailure
    ) -> ValidationFailure {
        if !(0...100).contains(pipeline.maxReworks) {
            return failure(maxReworksNode, "pipeline.max_reworks", error.message)
        }
        for index in pipeline.stages.indices where !Self.isValid(Array(pipeline.stages[...index])) {
            var withoutTarget = Array(pipeline.stages[...index])
            withoutTarget[index].sendsBackTo = nil
            let field = Self.isValid(withoutTarget) ? "sends_back_to" : "name"
            let node = stageNodes.indices.contains(index) ? stageNodes[index].mapping?[field] ?? stageNodes[index] : nil
            return failure(node, "pipeline.stages[\(index)].\(field)", error.message)
        }
        return failure(pipelineNode, "pipeline.stages", error.message)
    }

    private static func isValid(_ stages: [Pipeline.Stage]) -> Bool {
        do {
            try Pipeline(stages: stages).validate()
            return true
        } catch {
            return false
        }
    }
}
