import AetCore
import Foundation

/// Drives one native run: asks the model, runs its tool calls, feeds the results back, until the
/// model stops calling tools or a limit stops it. Shared by ``NativeAgentRuntime`` (HTTP clients)
/// and ``ReplayRuntime`` (a recording).
struct NativeAgentLoop: Sendable {
    var runtimeID: RuntimeID
    var client: any ModelClient
    var model: String
    var settings: NativeLoopSettings

    /// Runs the loop for a request.
    /// - Throws: ``RuntimeError`` when the request's paths are not absolute or the run directory
    ///   cannot be prepared.
    func run(_ request: AgentRunRequest, events: (AgentEvent) async -> Void) async throws -> AgentOutcome {
        let started = ContinuousClock.now
        let wallDeadline = started.advanced(by: request.limits.wallTimeout)
        let home = try Self.prepare(request)
        let redactor = Redactor(environment: settings.hostEnvironment)
            .merging(Redactor(environment: request.environment))
            .merging(Redactor(secrets: settings.secrets))
        let transcript = try TranscriptWriter(
            path: request.runDirectory + "/transcript.jsonl",
            redactor: redactor,
            maxBytes: settings.maxTranscriptBytes
        )
        defer { transcript.close() }
        let executor = NativeToolExecutor(
            worktree: request.worktree,
            permission: request.permission,
            home: home,
            hostEnvironment: settings.hostEnvironment,
            extraEnvironment: request.environment,
            deadline: wallDeadline,
            idleTimeout: request.limits.idleTimeout,
            configuration: settings.tools
        )
        let tools = NativeToolCatalog.definitions(for: request.permission).filter { tool in
            (request.allowedTools.isEmpty || request.allowedTools.contains(tool.name))
                && !request.deniedTools.contains(tool.name)
        }
        let system = NativeSystemPrompt.make(for: request, tools: tools)
        var state = NativeLoopState(
            conversation: ModelConversation(
                model: model,
                system: system,
                messages: [.user(request.prompt)],
                tools: tools,
                maxOutputTokens: settings.maxOutputTokens
            ),
            limits: request.limits
        )
        var start = TranscriptRecord(type: .start)
        start.version = 1
        start.runtime = runtimeID.rawValue
        start.model = model
        start.system = system
        start.prompt = request.prompt
        start.tools = tools.map(\.name)
        transcript.write(start)
        await events(.started(AgentStart(model: model)))
        let price = settings.prices.price(for: model)
        if price == nil, request.limits.maxCostMicros != nil {
            state.warn("the cost limit cannot be enforced: no price is known for model \(model)")
        }
        var costKnown = price != nil

        let status = await loop(
            &state,
            request: request,
            executor: executor,
            wallDeadline: wallDeadline,
            transcript: transcript,
            redactor: redactor,
            costKnown: &costKnown,
            events: events
        )
        for warning in state.warnings { await events(.warning(warning)) }
        var end = TranscriptRecord(type: .end)
        end.status = "\(status.runStatus)"
        end.reason = status.reason
        end.turns = state.turns
        end.usage = .init(state.meter.usage)
        transcript.write(end)
        let cost: Cost =
            costKnown && state.usageReported ? .computed(micros: state.meter.costMicros ?? 0) : .unknown
        return AgentOutcome(
            status: status,
            finalText: redactor.redact(state.finalText),
            usage: state.meter.usage,
            usageReported: state.usageReported,
            cost: cost,
            duration: started.duration(to: .now),
            turns: state.turns,
            artifacts: RunArtifacts(transcript: transcript.path),
            warnings: state.warnings
        )
    }

    private func loop(
        _ state: inout NativeLoopState,
        request: AgentRunRequest,
        executor: NativeToolExecutor,
        wallDeadline: ContinuousClock.Instant,
        transcript: TranscriptWriter,
        redactor: Redactor,
        costKnown: inout Bool,
        events: (AgentEvent) async -> Void
    ) async -> AgentRunStatus {
        while true {
            if Task.isCancelled { return .cancelled }
            if let status = state.statusBeforeCall { return status }
            let reply: ModelTurn
            do {
                let conversation = state.conversation
                let client = client
                reply = try await ModelCallDeadline.run(
                    idle: request.limits.idleTimeout,
                    wallDeadline: wallDeadline
                ) { try await client.complete(conversation) }
            } catch let exceeded as ModelCallDeadline.Exceeded {
                return .timedOut(exceeded.kind)
            } catch {
                if Task.isCancelled || error is CancellationError { return .cancelled }
                if let error = error as? ModelAPIError { return .failed(reason: redactor.redact(error.description)) }
                return .failed(reason: redactor.redact("the model call failed: \(error)"))
            }
            transcript.write(.turn(state.turns + 1, reply))
            let costMicros = settings.prices.price(for: model).map {
                settings.prices.micros(for: reply.usage, price: $0)
            }
            if costMicros == nil { costKnown = false }
            let calls = reply.toolUses
            for text in reply.blocks.compactMap(\.text) where !text.isEmpty {
                await events(.assistantText(redactor.redact(text), isFinal: calls.isEmpty))
            }
            if reply.usageReported {
                await events(
                    .usage(UsageSample(tokens: reply.usage, costMicros: costMicros, turns: 1), cumulative: false)
                )
            }
            switch state.receive(reply, costMicros: costMicros) {
            case .finish(let status):
                return status
            case .runTools(let calls):
                var results: [ToolResultBlock] = []
                for call in calls {
                    let input = redactor.redact(call.input.serialized)
                    await events(.toolCall(ToolCall(id: call.id, name: call.name, inputJSON: input)))
                    let result = await executor.execute(call, events: events)
                    let preview = redactor.redact(String(result.content.prefix(500)))
                    await events(.toolResult(ToolResult(id: call.id, isError: result.isError, outputPreview: preview)))
                    results.append(result)
                }
                var record = TranscriptRecord(type: .toolResults)
                record.turn = state.turns
                record.results = results.map(ContentBlock.toolResult)
                transcript.write(record)
                state.receive(results: results)
                if ContinuousClock.now >= wallDeadline { return .timedOut(.wall) }
            }
        }
    }

    /// Checks the request's paths and creates the run directory and the home for commands.
    private static func prepare(_ request: AgentRunRequest) throws -> String {
        guard request.worktree.hasPrefix("/"), request.runDirectory.hasPrefix("/") else {
            throw RuntimeError.invalidRequest("the worktree and the run directory must be absolute paths.")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: request.worktree, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw RuntimeError.invalidRequest("the worktree \(request.worktree) is not a directory.")
        }
        let home = request.runDirectory + "/home"
        do {
            try FileManager.default.createDirectory(
                atPath: home,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw RuntimeError.runDirectoryUnavailable(request.runDirectory, underlying: "\(error)")
        }
        return home
    }
}

/// What the native loop needs besides the model client: prices, caps, the host environment.
struct NativeLoopSettings: Sendable {
    var hostEnvironment: [String: String]
    var prices: PriceTable
    var maxOutputTokens: Int
    var maxTranscriptBytes: Int
    var tools: NativeToolExecutor.Configuration
    /// Values hidden in the transcript, events and the outcome (e.g. a configured API key).
    var secrets: [String]
}
