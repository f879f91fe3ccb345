import Foundation

/// Finds an agent CLI and asks it for its version, for ``AgentRuntime/probe()`` and `aet doctor`.
enum CLIVersionProbe {
    /// Looks for the program in the host's `PATH` (or at its path) and runs it with `--version`.
    ///
    /// The version run gets a fresh, empty home directory (removed afterwards) and at most 30 s.
    /// - Parameters:
    ///   - program: The configured executable or the runtime's usual name.
    ///   - configuration: The runtime's configuration (host environment, sandbox).
    ///   - homeVariables: Variables that must point at the scratch home too (e.g. `CODEX_HOME`).
    /// - Returns: Available with the path and version; not available with the reason when the
    ///   program is not found (no ``RuntimeAvailability/executablePath``) or its `--version` fails
    ///   (with the path).
    static func probe(
        _ program: String,
        configuration: CLIRuntimeConfiguration,
        homeVariables: [String] = []
    ) async -> RuntimeAvailability {
        let searchPath = configuration.hostEnvironment["PATH"] ?? EnvironmentPolicy.fallbackPath
        guard let path = ExecutableLocator.locate(program, searchPath: searchPath, workingDirectory: "/") else {
            return RuntimeAvailability(
                isAvailable: false,
                reason: "'\(program)' was not found on PATH or is not executable: install it or configure its path"
            )
        }
        var notes: [String] = []
        if configuration.sandbox.prlimitPath == nil, configuration.sandbox.resourceLimitEnforcement != .off {
            notes.append("prlimit (util-linux) not installed: runs without resource limits")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("aet-probe-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // best-effort cleanup of a scratch directory
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            return RuntimeAvailability(isAvailable: true, executablePath: path, notes: notes + ["version unknown"])
        }
        var environment = configuration.environmentPolicy.makeEnvironment(
            host: configuration.hostEnvironment,
            home: scratch
        )
        for name in homeVariables { environment[name] = scratch }
        let supervisor = ProcessSupervisor(
            configuration: .init(
                wallTimeout: .seconds(30),
                idleTimeout: .seconds(30),
                terminationGracePeriod: .seconds(1),
                maxOutputBytes: 64 << 10,
                sandbox: configuration.sandbox
            )
        )
        var version: String?
        let command = ProcessCommand(
            executable: path,
            arguments: ["--version"],
            environment: environment,
            workingDirectory: scratch
        )
        let result = try? await supervisor.run(command) { event in  // nil: the version is only a note
            if case .line(let line) = event, line.stream == .standardOutput, version == nil {
                let text = line.text.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { version = String(text.prefix(200)) }
            }
            return .proceed
        }
        guard let result, result.exit == .exited(0) else {
            let how = result.map { "ended with \($0.exit)" } ?? "could not be started"
            return RuntimeAvailability(
                isAvailable: false,
                executablePath: path,
                version: version,
                reason:
                    "'\(path) --version' \(how): the program does not run here; reinstall it or configure a working one",
                notes: notes
            )
        }
        return RuntimeAvailability(isAvailable: true, executablePath: path, version: version, notes: notes)
    }
}
