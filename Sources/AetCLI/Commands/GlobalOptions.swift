import ArgumentParser

/// Options every command shares: `--json`, `--store PATH`, `--log-level LEVEL`.
struct GlobalOptions: ParsableArguments {
    @Flag(help: "Print JSON for programs instead of text for people.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "The store database file (default: $AET_STORE, else the store of the .aet/ project around "
                + "the current directory).",
            valueName: "path"
        )
    )
    var store: String?

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "The lowest log level shown on standard error: trace, debug, info, notice, warning, error or "
                + "critical (default: $AET_LOG_LEVEL, else warning).",
            valueName: "level"
        )
    )
    var logLevel: String?
}
