import Subprocess

extension Git {
    /// Variables removed from git's environment: they would point git at another repository, index or
    /// work tree, change which config or identity it uses, rewrite history views, or start an editor,
    /// pager or password prompt.
    public static let removedVariables: [String] =
        repositoryVariables + [
            "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL",
            "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE", "EMAIL", "GIT_REFLOG_ACTION", "GIT_LITERAL_PATHSPECS",
            "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS", "GIT_ICASE_PATHSPECS", "GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS",
            "GIT_MERGE_VERBOSITY", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "VISUAL", "EDITOR", "GIT_PAGER", "PAGER",
            "GIT_ASKPASS", "SSH_ASKPASS", "GIT_TRACE", "GIT_TRACE2", "GIT_TRACE2_EVENT", "GIT_TRACE2_PERF",
            "GIT_FLUSH", "LANGUAGE",
        ]

    /// Variables that point git at a particular repository, index or work tree. They are removed from
    /// the environment of git and of the worktree setup command, so both work on the worktree they run in.
    public static let repositoryVariables: [String] = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_PREFIX", "GIT_SHALLOW_FILE", "GIT_GRAFT_FILE", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS",
        "GIT_QUARANTINE_PATH", "GIT_INTERNAL_SUPER_PREFIX",
    ]

    /// The variables aet always sets: C locale, no prompts, no optional locks (so `git status` never
    /// rewrites an index), a non-interactive editor and pager, and the commit identity.
    static func fixedVariables(identity: Identity) -> [String: String] {
        [
            "LC_ALL": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_EDITOR": "true",
            "GIT_PAGER": "cat",
            "GIT_AUTHOR_NAME": identity.name,
            "GIT_AUTHOR_EMAIL": identity.email,
            "GIT_COMMITTER_NAME": identity.name,
            "GIT_COMMITTER_EMAIL": identity.email,
        ]
    }

    /// The environment for one command (see ``Configuration/environment``).
    func makeEnvironment(identity: Identity) -> Environment {
        Self.scrubbedEnvironment(
            base: configuration.environment,
            removing: Self.removedVariables,
            setting: Self.fixedVariables(identity: identity)
        )
    }

    /// `base` (or this process's environment) without the `removed` variables (and any
    /// `GIT_CONFIG_KEY_<n>`/`GIT_CONFIG_VALUE_<n>`), plus `variables`.
    static func scrubbedEnvironment(
        base: [String: String]?,
        removing removedNames: [String],
        setting variables: [String: String]
    ) -> Environment {
        if let base {
            var values: [Environment.Key: String] = [:]
            let removed = Set(removedNames)
            for (name, value) in base
            where !removed.contains(name) && !name.hasPrefix("GIT_CONFIG_KEY_")
                && !name.hasPrefix("GIT_CONFIG_VALUE_")
            {
                values[Environment.Key(stringLiteral: name)] = value
            }
            for (name, value) in variables { values[Environment.Key(stringLiteral: name)] = value }
            return .custom(values)
        }
        var overrides: [Environment.Key: String?] = [:]
        for name in removedNames { overrides[Environment.Key(stringLiteral: name)] = .some(nil) }
        for (name, value) in variables { overrides[Environment.Key(stringLiteral: name)] = value }
        return .inherit.updating(overrides)
    }
}
