/// Whether a runtime can run a ticket's stage here and now: its program found and answering, and
/// credentials it can use. Checked by `aet process` before it takes a ticket and shown by `aet doctor`.
///
/// ```swift
/// let readiness = await runtime.readiness()
/// if let problem = readiness.problem { print(problem) }   // what is missing and how to fix it
/// print(readiness.credentials ?? "no credentials needed")  // the source, never the value
/// ```
public struct RuntimeReadiness: Sendable, Hashable {
    /// Ready, or why not.
    public enum Status: Sendable, Hashable {
        /// Runs can start.
        case ready
        /// The program is missing; the sentence says how to install or configure it.
        case notInstalled(fix: String)
        /// There are no usable credentials; the sentence says which variable to set or how to log in.
        case notAuthenticated(fix: String)
        /// Something else stops it (a missing recording, an invalid base URL); the sentence says what.
        case unusable(reason: String)
    }

    /// Ready, or why not.
    public var status: Status
    /// The program's path, version and notes, as ``AgentRuntime/probe()`` found them.
    public var availability: RuntimeAvailability
    /// Where the credentials come from (`ANTHROPIC_API_KEY`, "your Claude login (~/.claude/.credentials.json)"),
    /// never their value; `nil` when none are used or needed.
    public var credentials: String?

    /// Creates a readiness report.
    /// - Parameters:
    ///   - status: Ready, or why not.
    ///   - availability: The probe's findings.
    ///   - credentials: The credentials' source.
    public init(status: Status, availability: RuntimeAvailability, credentials: String? = nil) {
        self.status = status
        self.availability = availability
        self.credentials = credentials
    }

    /// Whether runs can start.
    public var isReady: Bool { status == .ready }

    /// One sentence saying what is wrong and how to fix it; `nil` when ready.
    public var problem: String? {
        switch status {
        case .ready: nil
        case .notInstalled(let fix), .notAuthenticated(let fix): fix
        case .unusable(let reason): reason
        }
    }

    /// A short code for JSON and metric labels: `ready`, `not_installed`, `not_authenticated`, `unusable`.
    public var code: String {
        switch status {
        case .ready: "ready"
        case .notInstalled: "not_installed"
        case .notAuthenticated: "not_authenticated"
        case .unusable: "unusable"
        }
    }

    /// Readiness from the probe alone, for runtimes that need no credentials (or check them in
    /// ``AgentRuntime/probe()`` already): available is ready, else unusable with the probe's reason.
    /// - Parameter availability: The probe's findings.
    /// - Returns: The readiness.
    public static func fromProbe(_ availability: RuntimeAvailability) -> RuntimeReadiness {
        guard availability.isAvailable else {
            return RuntimeReadiness(
                status: .unusable(reason: availability.reason ?? "the runtime cannot run here"),
                availability: availability
            )
        }
        return RuntimeReadiness(status: .ready, availability: availability)
    }
}

extension AgentRuntime {
    /// Readiness from ``probe()`` alone; runtimes that need credentials check them too.
    /// - Returns: The readiness.
    public func readiness() async -> RuntimeReadiness { .fromProbe(await probe()) }
}
