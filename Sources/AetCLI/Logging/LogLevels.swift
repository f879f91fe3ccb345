import AetCore
import Logging

/// Log level names as users type them.
enum LogLevels {
    /// Parses `trace`, `debug`, `info`, `notice`, `warning` (or `warn`), `error` or `critical`, in any case.
    /// - Parameters:
    ///   - text: The name.
    ///   - source: Where it came from, for the error (`--log-level`, `AET_LOG_LEVEL`), or nil when the caller says it.
    /// - Throws: ``ValidationFailure`` listing the accepted names.
    static func parse(_ text: String, source: String?) throws(ValidationFailure) -> Logger.Level {
        let name = text.trimmingWhitespaceAndCase
        if name == "warn" { return .warning }
        guard let level = Logger.Level(rawValue: name) else {
            let origin = source.map { " in \($0)" } ?? ""
            throw ValidationFailure(
                "unknown log level '\(text.prefix(20))'\(origin): "
                    + "use trace, debug, info, notice, warning, error or critical."
            )
        }
        return level
    }
}

extension String {
    fileprivate var trimmingWhitespaceAndCase: String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
    }
}
