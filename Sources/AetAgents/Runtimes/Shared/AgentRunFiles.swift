import Foundation

/// The files a process runtime prepares in a run's directory before the agent starts: the agent's
/// home, the prompt, the role's instructions and, with an output schema, the schema.
///
/// The run directory is created readable by the user only (it holds the prompt and the agent's
/// configuration).
struct AgentRunFiles: Sendable, Hashable {
    /// The agent's `HOME` (`<run>/home`).
    var home: String
    /// The prompt as the agent reads it (`<run>/prompt.md`).
    var prompt: String
    /// The role's instructions (`<run>/instructions.md`).
    var instructions: String
    /// The output JSON Schema (`<run>/output-schema.json`), when the request has one.
    var schema: String?
    /// The run directory.
    var directory: String
    /// The agent's private temporary directory (`<run>/tmp`, its `TMPDIR`): not the shared `/tmp`,
    /// so nothing of one run is seen by another, and agents that refuse to keep helpers under the
    /// temporary directory (Codex, for its `CODEX_HOME`) accept the run directory.
    var temporary: String { directory + "/tmp" }

    /// Checks the request's paths and writes the files.
    /// - Parameters:
    ///   - request: The request.
    ///   - deliveredPrompt: The text of the prompt file; the request's prompt when `nil` (runtimes
    ///     without a way to pass instructions put them in front of the prompt).
    /// - Returns: The paths.
    /// - Throws: ``RuntimeError/invalidRequest(_:file:line:)`` for relative paths,
    ///   ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)`` when writing fails.
    static func prepare(
        for request: AgentRunRequest,
        deliveredPrompt: String? = nil
    ) throws(RuntimeError)
        -> AgentRunFiles
    {
        guard request.worktree.hasPrefix("/"), request.runDirectory.hasPrefix("/") else {
            throw .invalidRequest("the worktree and the run directory must be absolute paths.")
        }
        let directory = request.runDirectory
        let files = AgentRunFiles(
            home: directory + "/home",
            prompt: directory + "/prompt.md",
            instructions: directory + "/instructions.md",
            schema: request.outputSchema == nil ? nil : directory + "/output-schema.json",
            directory: directory
        )
        try files.createDirectory(directory)
        try files.createDirectory(files.home)
        try files.createDirectory(files.temporary)
        try files.write(deliveredPrompt ?? request.prompt, to: files.prompt)
        try files.write(request.instructions, to: files.instructions)
        if let schema = request.outputSchema, let path = files.schema { try files.write(schema, to: path) }
        return files
    }

    /// Creates a directory (and its parents) readable by the user only.
    /// - Parameter path: The directory.
    /// - Throws: ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)``.
    func createDirectory(_ path: String) throws(RuntimeError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .runDirectoryUnavailable(directory, underlying: "\(error)")
        }
    }

    /// Writes a text file (its parent directory is created).
    /// - Parameters:
    ///   - text: The contents.
    ///   - path: The file.
    /// - Throws: ``RuntimeError/runDirectoryUnavailable(_:underlying:file:line:)``.
    func write(_ text: String, to path: String) throws(RuntimeError) {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty { try createDirectory(parent) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .runDirectoryUnavailable(directory, underlying: "\(error)")
        }
    }

    /// The prompt with the role's instructions in front, for agents that take no separate
    /// instructions.
    /// - Parameter request: The request.
    /// - Returns: `instructions`, a blank line, a rule and the prompt; just the prompt without instructions.
    static func promptWithInstructions(_ request: AgentRunRequest) -> String {
        let instructions = request.instructions.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !instructions.isEmpty else { return request.prompt }
        return instructions + "\n\n---\n\n" + request.prompt
    }
}
