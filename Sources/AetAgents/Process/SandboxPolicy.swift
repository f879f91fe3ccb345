/// The sandbox a supervised process runs in, as a chain of command wrappers (level 0: `prlimit`; a
/// later level adds `bwrap`), plus what the supervisor itself enforces.
///
/// Always enforced by ``ProcessSupervisor``, whatever the policy: own session and process group,
/// wall-clock and idle-output timeouts with a group kill, stdin closed, an exact environment,
/// capped logs. The policy adds resource limits through `prlimit` (util-linux) and the sweep for
/// processes that escaped the group.
///
/// ```swift
/// var sandbox = SandboxPolicy.levelZero
/// sandbox.resourceLimits.addressSpaceBytes = 4 << 30   // only for runtimes verified to tolerate it
/// sandbox.resourceLimitEnforcement = .required         // refuse to run without prlimit
/// ```
public struct SandboxPolicy: Sendable, Hashable {
    /// Whether a wrapper must be applied.
    public enum Enforcement: Sendable, Hashable {
        /// Never apply it.
        case off
        /// Apply it when the tool is installed; otherwise run without it and warn.
        case ifAvailable
        /// Apply it, or refuse to run (``RuntimeError/sandboxUnavailable(_:file:line:)``).
        case required
    }

    /// The resource limits applied through `prlimit`.
    public var resourceLimits: ResourceLimits
    /// Whether resource limits must be applied.
    public var resourceLimitEnforcement: Enforcement
    /// Directories searched for wrapper tools (`prlimit`), not the agent's `PATH`.
    public var toolSearchPath: [String]
    /// Whether to look, after the group is gone, for processes that left it (e.g. with `setsid`) but
    /// still carry the run's marker variable, and kill them (Linux, `/proc`).
    public var sweepEscapedProcesses: Bool

    /// Level 0: resource limits when `prlimit` is installed, escaped-process sweep on.
    public static let levelZero = SandboxPolicy()

    /// Creates a policy.
    /// - Parameters:
    ///   - resourceLimits: The limits.
    ///   - resourceLimitEnforcement: Whether they must be applied.
    ///   - toolSearchPath: Where wrapper tools are looked for.
    ///   - sweepEscapedProcesses: Whether to sweep for escaped processes.
    public init(
        resourceLimits: ResourceLimits = ResourceLimits(),
        resourceLimitEnforcement: Enforcement = .ifAvailable,
        toolSearchPath: [String] = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"],
        sweepEscapedProcesses: Bool = true
    ) {
        self.resourceLimits = resourceLimits
        self.resourceLimitEnforcement = resourceLimitEnforcement
        self.toolSearchPath = toolSearchPath
        self.sweepEscapedProcesses = sweepEscapedProcesses
    }

    /// The path of `prlimit`, when installed in ``toolSearchPath``.
    public var prlimitPath: String? {
        ExecutableLocator.locate("prlimit", searchPath: toolSearchPath.joined(separator: ":"), workingDirectory: "/")
    }

    /// Works out the wrappers to apply on this machine.
    /// - Returns: The wrappers, what they apply, and warnings for what could not be applied.
    /// - Throws: ``RuntimeError/sandboxUnavailable(_:file:line:)`` when a required tool is missing.
    public func makePlan() throws(RuntimeError) -> SandboxPlan {
        var plan = SandboxPlan()
        let arguments = resourceLimits.prlimitArguments()
        guard resourceLimitEnforcement != .off, !arguments.isEmpty else { return plan }
        guard let prlimit = prlimitPath else {
            if resourceLimitEnforcement == .required {
                let searched = toolSearchPath.joined(separator: ":")
                throw .sandboxUnavailable(
                    "resource limits are required but prlimit was not found in \(searched): install util-linux."
                )
            }
            plan.warnings.append("resource limits not applied: prlimit (util-linux) is not installed")
            return plan
        }
        let wrapper = CommandWrapper(
            executable: prlimit,
            arguments: arguments + ["--"],
            summary: "rlimits via \(prlimit) (\(arguments.map { $0.dropFirst(2) }.joined(separator: " ")))"
        )
        plan.wrappers.append(wrapper)
        return plan
    }
}

/// The wrappers a ``SandboxPolicy`` applies on this machine.
public struct SandboxPlan: Sendable, Hashable {
    /// Wrappers, outermost first.
    public var wrappers: [CommandWrapper] = []
    /// Protections that could not be applied.
    public var warnings: [String] = []

    /// Creates an empty plan.
    public init() {}

    /// One line per wrapper applied.
    public var applied: [String] { wrappers.map(\.summary) }

    /// Wraps an argv.
    /// - Parameter argv: The program (an absolute path) and its arguments.
    /// - Returns: The argv to execute, outermost wrapper first.
    public func apply(to argv: [String]) -> [String] {
        wrappers.reversed().reduce(argv) { inner, wrapper in wrapper.wrapping(inner) }
    }
}

/// A program that sets something up and then executes the rest of its argv (`prlimit … --`, `bwrap … --`).
public struct CommandWrapper: Sendable, Hashable {
    /// The wrapper's absolute path.
    public var executable: String
    /// Its arguments, ending where the wrapped argv begins.
    public var arguments: [String]
    /// One line saying what it applies.
    public var summary: String

    /// Creates a wrapper.
    /// - Parameters:
    ///   - executable: The wrapper's absolute path.
    ///   - arguments: Its arguments.
    ///   - summary: What it applies.
    public init(executable: String, arguments: [String], summary: String) {
        self.executable = executable
        self.arguments = arguments
        self.summary = summary
    }

    /// Prefixes an argv with this wrapper.
    /// - Parameter argv: The wrapped argv.
    /// - Returns: `[executable] + arguments + argv`.
    public func wrapping(_ argv: [String]) -> [String] { [executable] + arguments + argv }
}
