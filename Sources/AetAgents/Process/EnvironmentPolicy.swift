/// Builds an agent's environment from nothing: an allow-list copied from aet's own environment, the
/// variables the runtime declares it needs, a per-run HOME, and the caller's extras. Never the
/// parent's full environment.
///
/// ```swift
/// let environment = EnvironmentPolicy().makeEnvironment(
///     host: hostEnvironment,                       // read once at the edge (CLI), passed in
///     runtimeVariables: ["ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY"],
///     home: "/repo/.aet/runs/T-12.implement.1/home",
///     extra: ["AET_TICKET": "T-12"])
/// ```
public struct EnvironmentPolicy: Sendable, Hashable {
    /// The variables copied from aet's environment when set: search path, locale, terminal, time zone, temp dir.
    public static let defaultAllowList: Set<String> = [
        "PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TERM", "TZ", "TMPDIR",
    ]

    /// The XDG base directories set inside the run's home, besides `HOME` itself.
    public static let homeDirectoryVariables = ["XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"]

    /// The `PATH` used when aet's own environment has none.
    public static let fallbackPath = "/usr/local/bin:/usr/bin:/bin"

    /// Names copied from aet's environment when set.
    public var allowList: Set<String>
    /// Variables always set (after copying, before HOME and extras), e.g. `NO_COLOR=1`.
    public var fixed: [String: String]

    /// Creates a policy.
    /// - Parameters:
    ///   - allowList: Names copied from aet's environment.
    ///   - fixed: Variables always set.
    public init(
        allowList: Set<String> = EnvironmentPolicy.defaultAllowList,
        fixed: [String: String] = ["NO_COLOR": "1"]
    ) {
        self.allowList = allowList
        self.fixed = fixed
    }

    /// Builds the complete environment of an agent process.
    ///
    /// In order, later wins: the allow-listed and runtime-declared variables present in `host`;
    /// ``fixed``; `HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME`
    /// inside `home`; then `extra`. `PATH` falls back to ``fallbackPath``.
    /// - Parameters:
    ///   - host: aet's own environment (read at the edge and passed in; never read here).
    ///   - runtimeVariables: Names the runtime needs from `host`, e.g. `ANTHROPIC_API_KEY`.
    ///   - home: The per-run home directory.
    ///   - extra: Variables the caller adds, already allow-listed.
    /// - Returns: The environment.
    public func makeEnvironment(
        host: [String: String],
        runtimeVariables: Set<String> = [],
        home: String,
        extra: [String: String] = [:]
    ) -> [String: String] {
        var environment: [String: String] = [:]
        for name in allowList.union(runtimeVariables) {
            if let value = host[name] { environment[name] = value }
        }
        if environment["PATH"]?.isEmpty ?? true { environment["PATH"] = Self.fallbackPath }
        environment.merge(fixed) { _, new in new }
        environment["HOME"] = home
        environment["XDG_CONFIG_HOME"] = home + "/.config"
        environment["XDG_CACHE_HOME"] = home + "/.cache"
        environment["XDG_DATA_HOME"] = home + "/.local/share"
        environment["XDG_STATE_HOME"] = home + "/.local/state"
        environment.merge(extra) { _, new in new }
        return environment
    }
}
