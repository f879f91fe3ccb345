import AetCore
import AetStore
import ArgumentParser
import Foundation

/// The entry point of the `aet` command line: parses arguments, runs the command in an environment,
/// and maps the outcome to an exit code.
///
/// ```swift
/// // Sources/aet/main.swift
/// exit(await AetCLI.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: .process()))
/// ```
///
/// Exit codes: 0 success (and `--help`); 1 the work failed (a store error, a problem found by
/// `verify-state`); 2 bad usage or input (unknown option, invalid ticket, no project, bad config).
/// Errors are one `error: …` line on standard error.
public enum AetCLI {
    /// Exit code 2: bad usage or input.
    public static let usageExitCode: Int32 = 2

    /// Runs one `aet` invocation in-process.
    /// - Parameters:
    ///   - arguments: The arguments after the program name, e.g. `["create", "add a README"]`.
    ///   - environment: Variables, working directory and output streams.
    /// - Returns: The process exit code.
    public static func main(arguments: [String], environment: CLIEnvironment) async -> Int32 {
        await CLIEnvironment.$current.withValue(environment) {
            defer {
                environment.standardOutput.flush()
                environment.standardError.flush()
            }
            let command: any ParsableCommand
            do {
                command = try AetCommand.parseAsRoot(arguments)
            } catch {
                return report(parseError: error, environment)
            }
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var syncCommand = command
                    try syncCommand.run()
                }
                return 0
            } catch {
                return report(error, environment)
            }
        }
    }

    /// Reports an error of the parse phase: help goes to standard output (exit 0), anything else is bad usage.
    private static func report(parseError error: any Error, _ environment: CLIEnvironment) -> Int32 {
        let code = AetCommand.exitCode(for: error)
        if code == .success {
            environment.standardOutput.writeLine(AetCommand.fullMessage(for: error, columns: 100))
            return 0
        }
        if let exit = error as? ExitCode { return exit.rawValue }
        if let failure = error as? ValidationFailure { return fail(failure.message, code: usageExitCode, environment) }
        // ArgumentParser's own message, then its "See 'aet create --help' …" hint.
        var message = AetCommand.message(for: error).lowercasingFirstLetter
        if !message.hasSuffix(".") { message += "." }
        let hint =
            AetCommand.fullMessage(for: error, columns: 100)
            .split(whereSeparator: \.isNewline)
            .last { $0.contains("--help") }
            .map { "\n" + $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return fail(message + hint, code: usageExitCode, environment)
    }

    /// Reports an error thrown while a command ran.
    private static func report(_ error: any Error, _ environment: CLIEnvironment) -> Int32 {
        switch error {
        case let failure as ValidationFailure:
            return fail(failure.message, code: usageExitCode, environment)
        case let failure as ValidationError:
            return fail(failure.message, code: usageExitCode, environment)
        case let exit as ExitCode:
            return exit.rawValue
        case let failure as StoreError:
            return fail(failure.description, code: 1, environment)
        case let failure as CommandFailure:
            return fail(failure.message, code: 1, environment)
        case let failure as EventDecodingError:
            return fail(failure.description, code: 1, environment)
        default:
            let code = AetCommand.exitCode(for: error)
            if code == .success {
                environment.standardOutput.writeLine(AetCommand.fullMessage(for: error, columns: 100))
                return 0
            }
            return fail(AetCommand.message(for: error), code: code.rawValue, environment)
        }
    }

    private static func fail(_ message: String, code: Int32, _ environment: CLIEnvironment) -> Int32 {
        environment.standardOutput.flush()
        let text = message.hasSuffix(".") || message.contains("\n") ? message : message + "."
        let palette = Palette(sink: environment.standardError, variables: environment.variables)
        environment.standardError.writeLine(
            palette.paint("error:", .boldRed) + " \(Format.displayable(text, keepingNewlines: true))")
        return code
    }
}

extension String {
    /// ArgumentParser's sentences start in capitals; aet's start in lower case after `error: `.
    fileprivate var lowercasingFirstLetter: String {
        guard let first, first.isUppercase, dropFirst().first?.isLowercase ?? true else { return self }
        return first.lowercased() + dropFirst()
    }
}
