import AetCore

/// The tools of aet's native loop, their JSON Schemas, and which a permission policy offers.
///
/// | tool | input | offered when |
/// |---|---|---|
/// | `read_file` | `path`, `offset?` (first line, from 1), `limit?` (lines) | always |
/// | `list_files` | `path?` | always |
/// | `search` | `pattern` (regular expression), `path?` | always |
/// | `write_file` | `path`, `content` | not `readOnly` |
/// | `edit_file` | `path`, `old_string`, `new_string`, `replace_all?` | not `readOnly` |
/// | `run_command` | `command` | `editAndRunAllowlisted` (listed commands only) and `fullAuto` |
public enum NativeToolCatalog {
    /// `read_file`.
    public static let readFile = "read_file"
    /// `write_file`.
    public static let writeFile = "write_file"
    /// `edit_file`.
    public static let editFile = "edit_file"
    /// `list_files`.
    public static let listFiles = "list_files"
    /// `search`.
    public static let search = "search"
    /// `run_command`.
    public static let runCommand = "run_command"

    /// The tools offered under a permission policy.
    /// - Parameter permission: The run's policy.
    /// - Returns: The definitions, in a fixed order.
    public static func definitions(for permission: PermissionPolicy) -> [ToolDefinition] {
        var tools = [
            ToolDefinition(
                name: readFile,
                description: "Read a text file of the worktree. Paths are relative to the worktree root. "
                    + "Optionally start at line `offset` (from 1) and read `limit` lines.",
                inputSchema: schema(
                    [
                        "path": string("The file's path."), "offset": integer("The first line, from 1."),
                        "limit": integer("How many lines to read."),
                    ],
                    required: ["path"]
                )
            ),
            ToolDefinition(
                name: listFiles,
                description: "List the files and directories under a directory of the worktree, recursively "
                    + "(directories end in `/`; .git is skipped).",
                inputSchema: schema(["path": string("The directory; the worktree root when omitted.")], required: [])
            ),
            ToolDefinition(
                name: search,
                description: "Search the text files under a path for lines matching a regular expression; "
                    + "answers `path:line: text` lines.",
                inputSchema: schema(
                    [
                        "pattern": string("A Perl-compatible regular expression (as grep -P)."),
                        "path": string("A file or directory; the worktree root when omitted."),
                    ],
                    required: ["pattern"]
                )
            ),
        ]
        if permission != .readOnly {
            tools.append(
                ToolDefinition(
                    name: writeFile,
                    description: "Create or overwrite a file of the worktree with the given content "
                        + "(missing directories are created).",
                    inputSchema: schema(
                        ["path": string("The file's path."), "content": string("The whole new content.")],
                        required: ["path", "content"]
                    )
                )
            )
            tools.append(
                ToolDefinition(
                    name: editFile,
                    description: "Replace an exact string in a file. `old_string` must occur exactly once unless "
                        + "`replace_all` is true; include enough context to make it unique.",
                    inputSchema: schema(
                        [
                            "path": string("The file's path."), "old_string": string("The exact text to replace."),
                            "new_string": string("The replacement."),
                            "replace_all": ["type": "boolean", "description": "Replace every occurrence."],
                        ],
                        required: ["path", "old_string", "new_string"]
                    )
                )
            )
        }
        switch permission {
        case .editAndRunAllowlisted(let commands):
            tools.append(
                commandTool(
                    "Only these commands (and their arguments) are allowed: "
                        + commands.map { "`\($0)`" }.joined(separator: ", ") + "; no shell operators."
                )
            )
        case .fullAuto:
            tools.append(commandTool("Any shell command line."))
        case .readOnly, .editWorkspace:
            break
        }
        return tools
    }

    private static func commandTool(_ note: String) -> ToolDefinition {
        ToolDefinition(
            name: runCommand,
            description: "Run a command line with /bin/sh in the worktree and get its exit code and output. " + note,
            inputSchema: schema(["command": string("The command line.")], required: ["command"])
        )
    }

    private static func schema(_ properties: [String: ModelJSON], required: [String]) -> ModelJSON {
        ["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) })]
    }

    private static func string(_ description: String) -> ModelJSON {
        ["type": "string", "description": .string(description)]
    }

    private static func integer(_ description: String) -> ModelJSON {
        ["type": "integer", "description": .string(description)]
    }
}
