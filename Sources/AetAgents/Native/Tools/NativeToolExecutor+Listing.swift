import Foundation

extension NativeToolExecutor {
    func listFiles(_ arguments: ToolArguments) throws -> ToolOutput {
        let path = arguments.optionalString("path") ?? "."
        let directory = try resolve(path.isEmpty ? "." : path, for: .read)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.absolute, isDirectory: &isDirectory) else {
            return .failure("\(directory.relative) does not exist")
        }
        guard isDirectory.boolValue else { return .success(directory.relative) }
        let (entries, truncated) = FileTreeWalker(limit: configuration.maxListEntries).walk(directory)
        guard !entries.isEmpty else { return .success("(\(directory.relative) is empty)") }
        var lines = entries.map { $0.isDirectory ? $0.relative + "/" : $0.relative }
        if truncated { lines.append("[listing stopped at \(configuration.maxListEntries) entries]") }
        return .success(lines.joined(separator: "\n"))
    }

    /// Searches with GNU `grep -P` (Perl-compatible syntax) as a supervised process: a pattern that
    /// backtracks without end (`(a+)+$`) hits PCRE's backtracking limit instead of hanging the run,
    /// and the process is bounded by the run's deadline and stopped when the run is cancelled. At
    /// most ``Configuration/maxSearchMatches`` matches; binary files and `.git` are skipped; symbolic
    /// links inside the tree are not followed.
    func search(_ arguments: ToolArguments) async throws -> ToolOutput {
        let pattern = try arguments.string("pattern")
        let path = arguments.optionalString("path") ?? "."
        let start = try resolve(path.isEmpty ? "." : path, for: .read)
        guard FileManager.default.fileExists(atPath: start.absolute) else {
            return .failure("\(start.relative) does not exist")
        }
        let environment = configuration.environmentPolicy.makeEnvironment(host: hostEnvironment, home: home)
        let redactor = Redactor(environment: hostEnvironment)
        let supervisor = toolSupervisor(timeout: toolTimeout, redactor: redactor)
        let limit = configuration.maxSearchMatches
        var matches: [String] = []
        var problems: [String] = []
        var more = false
        let result: ProcessResult
        do {
            result = try await supervisor.run(
                ProcessCommand(
                    executable: "grep",
                    arguments: [
                        "-r", "-n", "-H", "-Z", "-I", "-P", "--exclude-dir=.git", "-e", pattern, "--", start.relative,
                    ],
                    environment: environment,
                    workingDirectory: pathGuard.root
                )
            ) { event in
                guard case .line(let line) = event else { return .proceed }
                guard line.stream == .standardOutput else {
                    problems.append(line.text)
                    return .proceed
                }
                guard matches.count < limit else {
                    more = true
                    return .stop(reason: "\(limit) matches")
                }
                matches.append(Self.searchLine(line.text))
                return .proceed
            }
        } catch {
            return .failure("the search could not run: \(error)")
        }
        if matches.isEmpty, let problem = problems.first {
            return .failure("the search failed: \(problem.replacingOccurrences(of: "grep: ", with: ""))")
        }
        if matches.isEmpty, result.stopReason != nil {
            return .failure("the search was stopped: \(result.stopReason!)")
        }
        guard !matches.isEmpty else { return .success("No matches.") }
        if more { matches.append("[stopped at \(limit) matches]") }
        if let problem = problems.first { matches.append("[\(problem.replacingOccurrences(of: "grep: ", with: ""))]") }
        return .success(matches.joined(separator: "\n"))
    }

    /// `./src/a.swift` NUL `3:text` (grep `-Z`: any file name, colons too) → `src/a.swift:3: text`,
    /// the text cut at 300 characters.
    static func searchLine(_ line: String) -> String {
        let parts = line.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return String(line.prefix(400)) }
        let file = parts[0].hasPrefix("./") ? parts[0].dropFirst(2) : parts[0]
        let rest = parts[1].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard rest.count == 2 else { return "\(file): \(parts[1].prefix(300))" }
        return "\(file):\(rest[0]): \(rest[1].prefix(300))"
    }
}
