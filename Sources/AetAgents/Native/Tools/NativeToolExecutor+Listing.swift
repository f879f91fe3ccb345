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

    func search(_ arguments: ToolArguments) throws -> ToolOutput {
        let pattern = try arguments.string("pattern")
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(pattern)
        } catch {
            return .failure("the pattern is not a valid regular expression: \(error)")
        }
        let path = arguments.optionalString("path") ?? "."
        let start = try resolve(path.isEmpty ? "." : path, for: .read)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: start.absolute, isDirectory: &isDirectory) else {
            return .failure("\(start.relative) does not exist")
        }
        let files: [ResolvedPath]
        if isDirectory.boolValue {
            files = FileTreeWalker(limit: 100_000).walk(start).entries.filter(\.isRegularFile).map {
                ResolvedPath(absolute: $0.absolute, relative: $0.relative)
            }
        } else {
            files = [start]
        }
        var matches: [String] = []
        var more = false
        fileLoop: for file in files {
            guard let data = FileManager.default.contents(atPath: file.absolute),
                data.count <= configuration.maxFileBytes, !data.prefix(8192).contains(0)
            else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(regex) {
                guard matches.count < configuration.maxSearchMatches else {
                    more = true
                    break fileLoop
                }
                matches.append("\(file.relative):\(number + 1): \(line.prefix(300))")
            }
        }
        guard !matches.isEmpty else { return .success("No matches.") }
        if more { matches.append("[stopped at \(configuration.maxSearchMatches) matches]") }
        return .success(matches.joined(separator: "\n"))
    }
}
