import AetTesting
import Foundation
import Testing

@testable import AetAgents

@Suite("Sandbox level 0: rlimits through prlimit, wrapper chain")
struct ProcessSandboxTests {
    /// `(soft, hard)` of one row of `/proc/self/limits`, e.g. "Max open files".
    static func limit(_ name: String, in lines: [String]) -> (String, String)? {
        guard let row = lines.first(where: { $0.hasPrefix(name) }) else { return nil }
        let fields = row.dropFirst(name.count).split(separator: " ")
        guard fields.count >= 2 else { return nil }
        return (String(fields[0]), String(fields[1]))
    }

    @Test(
        "the prlimit wrapper applies the limits to the agent and its children",
        .enabled(if: prlimitInstalled && procAvailable, "needs prlimit (util-linux) and /proc")
    )
    func prlimitApplied() async throws {
        try await AgentBench.with { bench in
            var sandbox = SandboxPolicy.levelZero
            sandbox.resourceLimits = ResourceLimits(
                coreFileBytes: 0,
                openFiles: 123,
                fileSizeBytes: 7_000_000,
                cpuSeconds: 3000
            )
            sandbox.resourceLimitEnforcement = .required
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(sandbox: sandbox).run(
                bench.command(["FAKE_LIMITS": "1"]),
                onEvent: recorder.record
            )
            #expect(result.exit == .exited(0))
            let lines = recorder.texts
            #expect(Self.limit("Max open files", in: lines)! == ("123", "123"))
            #expect(Self.limit("Max core file size", in: lines)! == ("0", "0"))
            #expect(Self.limit("Max file size", in: lines)! == ("7000000", "7000000"))
            #expect(Self.limit("Max cpu time", in: lines)! == ("3000", "3000"))
            #expect(result.sandbox.contains { $0.hasPrefix("rlimits via ") && $0.contains("nofile=123") })
            #expect(result.commandLine.contains("prlimit --core=0 --nofile=123"))
            #expect(result.commandLine.contains("-- \(bench.fakeAgent)"))
        }
    }

    @Test("without the wrapper (enforcement off) the limits are the parent's", .enabled(if: procAvailable))
    func prlimitOff() async throws {
        try await AgentBench.with { bench in
            var sandbox = SandboxPolicy.levelZero
            sandbox.resourceLimits.openFiles = 123
            sandbox.resourceLimitEnforcement = .off
            let recorder = SupervisedEventRecorder()
            let result = try await bench.supervisor(sandbox: sandbox).run(
                bench.command(["FAKE_LIMITS": "1"]),
                onEvent: recorder.record
            )
            #expect(Self.limit("Max open files", in: recorder.texts)?.0 != "123")
            #expect(result.sandbox == ["own session and process group"])
        }
    }

    @Test("a required wrapper that is not installed refuses to run; an optional one warns")
    func missingWrapper() async throws {
        var sandbox = SandboxPolicy.levelZero
        sandbox.toolSearchPath = ["/nonexistent-\(UUID().uuidString)"]
        sandbox.resourceLimitEnforcement = .required
        #expect(throws: RuntimeError.sandboxUnavailable()) { try sandbox.makePlan() }
        sandbox.resourceLimitEnforcement = .ifAvailable
        let plan = try sandbox.makePlan()
        #expect(plan.wrappers.isEmpty)
        #expect(plan.warnings == ["resource limits not applied: prlimit (util-linux) is not installed"])
    }

    @Test("the wrapper chain is a value: outermost first, each ending where the wrapped argv begins")
    func wrapperChain() {
        var plan = SandboxPlan()
        plan.wrappers = [
            CommandWrapper(executable: "/usr/bin/outer", arguments: ["--a", "--"], summary: "outer"),
            CommandWrapper(executable: "/usr/bin/inner", arguments: ["--b", "--"], summary: "inner"),
        ]
        #expect(
            plan.apply(to: ["/bin/agent", "x"]) == [
                "/usr/bin/outer", "--a", "--", "/usr/bin/inner", "--b", "--", "/bin/agent", "x",
            ]
        )
        #expect(plan.applied == ["outer", "inner"])
    }

    @Test("limits become prlimit options, only ever lowered to aet's own hard limit")
    func prlimitOptions() {
        #expect(ResourceLimits.none.prlimitArguments().isEmpty)
        let options = ResourceLimits(
            coreFileBytes: 0,
            openFiles: 64,
            fileSizeBytes: nil,
            addressSpaceBytes: 1 << 30,
            cpuSeconds: nil
        )
        .prlimitArguments()
        #expect(options == ["--core=0", "--nofile=64", "--as=\(1 << 30)"])
        let huge = ResourceLimits(openFiles: .max).prlimitArguments()
        let nofile = huge.first { $0.hasPrefix("--nofile=") }
        #expect(nofile != "--nofile=\(UInt64.max)", "lowered to the current hard limit")
    }
}
