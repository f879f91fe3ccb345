import Foundation

/// Where an agent CLI's credentials come from: a variable of aet's environment, a loopback model
/// server that needs none, or the user's own login file. Found from the environment passed in (never
/// `ProcessInfo`); ``source`` names them for `aet doctor`, never with their value.
///
/// A login file is used read-only: each run's config directory gets a symbolic link to it (never a
/// copy), and the link is removed when the run ends (see ``CLIInvocation/links``).
struct CLICredentials: Sendable, Hashable {
    /// What `aet doctor` shows, e.g. `ANTHROPIC_API_KEY` or `your Claude login (~/.claude/.credentials.json)`.
    var source: String
    /// The user's login file to link into the run's config directory; nil for a variable.
    var loginFile: String?

    /// The outcome of looking for credentials.
    enum Lookup: Sendable, Hashable {
        /// Found these.
        case found(CLICredentials)
        /// None usable; the sentence says what to set or do.
        case missing(fix: String)
    }

    /// The first of `names` set (non-empty) in `environment`, as a source named by the variable.
    static func variable(_ names: [String], in environment: [String: String]) -> CLICredentials? {
        names.first { !(environment[$0] ?? "").isEmpty }.map { CLICredentials(source: $0) }
    }

    /// A source that needs no credentials because `variable` points at a loopback server.
    static func loopback(_ names: [String], in environment: [String: String]) -> CLICredentials? {
        for name in names {
            if let url = environment[name], ModelEndpoint(baseURL: url, apiKey: nil).isLoopback {
                return CLICredentials(source: "none needed (\(name) is a loopback server)")
            }
        }
        return nil
    }

    /// `path` with the home directory written as `~`, for messages.
    static func display(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path.hasPrefix(home + "/") else { return path }
        return "~" + path.dropFirst(home.count)
    }

    /// The top-level JSON object of a small file, or nil when it is missing, too big or not JSON.
    static func jsonObject(at path: String) -> [String: Any]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),  // nil: no such file
            (attributes[.size] as? NSNumber)?.intValue ?? .max < 1 << 20,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]  // nil: not JSON
    }

    /// Readiness of an agent CLI from its probe and its credentials.
    /// - Parameters:
    ///   - runtime: The runtime's id, for the fix sentences.
    ///   - availability: The probe's findings.
    ///   - install: How to install the program, e.g. `npm install -g @anthropic-ai/claude-code`.
    ///   - credentials: The credentials found, or what to do.
    /// - Returns: The readiness.
    static func readiness(
        of runtime: RuntimeID,
        availability: RuntimeAvailability,
        install: String,
        credentials: Lookup
    ) -> RuntimeReadiness {
        if !availability.isAvailable, availability.executablePath != nil {
            let reason = "\(runtime) is installed but does not run: \(availability.reason ?? "its --version failed")"
            return RuntimeReadiness(status: .unusable(reason: reason), availability: availability)
        }
        guard availability.isAvailable else {
            let fix =
                "\(runtime) is not installed or not on PATH: install it (\(install)), set "
                + "runtimes.\(runtime).executable in .aet/config.yaml to its path, or choose another runtime "
                + "with --runtime or AET_RUNTIME."
            return RuntimeReadiness(status: .notInstalled(fix: fix), availability: availability)
        }
        switch credentials {
        case .found(let found):
            return RuntimeReadiness(status: .ready, availability: availability, credentials: found.source)
        case .missing(let fix):
            return RuntimeReadiness(status: .notAuthenticated(fix: fix), availability: availability)
        }
    }
}
