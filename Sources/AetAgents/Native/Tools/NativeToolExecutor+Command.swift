extension NativeToolExecutor {
    func runCommand(_ arguments: ToolArguments, events: (AgentEvent) async -> Void) async throws -> ToolOutput {
        let command = try arguments.string("command")
        if let reason = CommandPermission.refusal(for: command, under: permission) {
            throw ToolRefusal(subject: command, reason: reason)
        }
        let environment = configuration.environmentPolicy.makeEnvironment(
            host: hostEnvironment,
            home: home,
            extra: extraEnvironment
        )
        let redactor = Redactor(environment: hostEnvironment).merging(Redactor(environment: environment))
        let timeout = toolTimeout
        let supervisor = toolSupervisor(timeout: timeout, redactor: redactor)
        var output: [UInt8] = []
        var dropped = 0
        let limit = configuration.maxOutputBytes
        let result: ProcessResult
        do {
            result = try await supervisor.run(
                ProcessCommand(
                    executable: "/bin/sh",
                    arguments: ["-c", command],
                    environment: environment,
                    workingDirectory: pathGuard.root
                )
            ) { event in
                if case .line(let line) = event {
                    let bytes = line.bytes + [UInt8(ascii: "\n")]
                    let room = max(0, limit - output.count)
                    output.append(contentsOf: ToolOutputCap.prefix(bytes, maxBytes: room))
                    dropped += bytes.count - min(bytes.count, room)
                }
                return .proceed
            }
        } catch {
            await events(.commandRan(command: redactor.redact(command), exitCode: nil))
            return .failure("the command could not be started: \(error)")
        }
        var exitCode: Int32?
        var status: String
        switch result.exit {
        case .exited(let code):
            exitCode = code
            status = "exit code \(code)"
        case .signaled(let signal): status = "killed by signal \(signal)"
        }
        if let reason = result.stopReason {
            exitCode = nil
            status = "stopped (\(reason)) after \(timeout)"
        }
        await events(.commandRan(command: redactor.redact(command), exitCode: exitCode))
        var text = status + "\n" + String(decoding: output, as: UTF8.self)
        if dropped > 0 { text += "[truncated \(dropped) bytes]" }
        return ToolOutput(content: exitCode == 0 ? text : "Error: " + text, isError: exitCode != 0)
    }

    /// How long a tool's process may run: the command timeout, cut to what is left of the run.
    var toolTimeout: Duration {
        guard let deadline else { return configuration.commandTimeout }
        return min(configuration.commandTimeout, max(.zero, ContinuousClock.now.duration(to: deadline)))
    }

    /// The supervisor of a tool's process: the run's limits, the sandbox, the redactor.
    func toolSupervisor(timeout: Duration, redactor: Redactor) -> ProcessSupervisor {
        ProcessSupervisor(
            configuration: .init(
                wallTimeout: timeout,
                idleTimeout: idleTimeout,
                terminationGracePeriod: configuration.terminationGracePeriod,
                maxOutputBytes: configuration.maxOutputBytes,
                redactor: redactor,
                sandbox: configuration.sandbox
            )
        )
    }
}
