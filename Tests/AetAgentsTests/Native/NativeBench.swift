import AetAgents
import AetCore
import AetModels
import AetTesting
import Foundation

/// A scratch area for one native-runtime test: a worktree and a run directory under a fresh
/// temporary directory, removed afterwards.
struct NativeBench: Sendable {
    let root: String

    var worktree: String { root + "/worktree" }
    var runDirectory: String { root + "/run" }

    /// Runs `body` with a new bench.
    static func with<Result>(_ body: (NativeBench) async throws -> Result) async throws -> Result {
        try await TemporaryDirectory.with(prefix: "aet-native") { root in
            let bench = NativeBench(root: root)
            try FileManager.default.createDirectory(atPath: bench.worktree, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: bench.runDirectory, withIntermediateDirectories: true)
            return try await body(bench)
        }
    }

    /// A request with test-sized limits.
    func request(
        prompt: String = "Create hello.txt.",
        permission: PermissionPolicy = .editWorkspace,
        limits: RunLimits = RunLimits(wallTimeout: .seconds(60), idleTimeout: .seconds(30)),
        model: String? = "scripted-model",
        outputSchema: String? = nil,
        worktree: String? = nil,
        runDirectory: String? = nil
    ) -> AgentRunRequest {
        AgentRunRequest(
            runID: RunID(ticket: TicketID(3), stage: .implement, attempt: 1),
            ticket: TicketID(3),
            stage: .implement,
            roleName: "developer",
            worktree: worktree ?? self.worktree,
            prompt: prompt,
            instructions: "You are the developer.",
            model: model,
            permission: permission,
            outputSchema: outputSchema,
            limits: limits,
            runDirectory: runDirectory ?? self.runDirectory
        )
    }

    /// A runtime configuration pointing at `baseURL`, with quick retries.
    static func configuration(
        baseURL: String,
        streaming: Bool,
        apiKey: String? = "sk-test-secret-key-123456",
        prices: PriceTable = .standard,
        attempts: Int = 3
    ) -> NativeAgentRuntime.Configuration {
        NativeAgentRuntime.Configuration(
            hostEnvironment: ["PATH": "/usr/local/bin:/usr/bin:/bin"],
            baseURL: baseURL,
            apiKey: apiKey,
            client: ModelClientConfiguration(
                streaming: streaming,
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))
            ),
            prices: prices,
            tools: NativeToolExecutor.Configuration(terminationGracePeriod: .milliseconds(300))
        )
    }

    /// Writes a file of the worktree (directories created).
    func write(_ relative: String, _ text: String) throws {
        let path = worktree + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a file of the worktree, or nil.
    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: worktree + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
