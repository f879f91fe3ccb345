import Foundation

extension NativeToolExecutor {
    func readFile(_ arguments: ToolArguments) throws -> ToolOutput {
        let path = try arguments.string("path")
        let file = try resolve(path, for: .read)
        let data = try readData(file, path: path)
        if data.prefix(8192).contains(0) { return .success("\(file.relative) is a binary file (\(data.count) bytes).") }
        let text = String(decoding: data, as: UTF8.self)
        let offset = max(1, try arguments.optionalInt("offset") ?? 1)
        let limit = try arguments.optionalInt("limit")
        guard offset > 1 || limit != nil else { return .success(text) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = min(lines.count, offset - 1)
        let end = min(lines.count, start + max(0, limit ?? lines.count))
        var result = lines[start..<end].joined(separator: "\n")
        if end < lines.count { result += "\n[\(lines.count - end) more lines; read on with offset \(end + 1)]" }
        return .success(result)
    }

    func writeFile(_ arguments: ToolArguments, events: (AgentEvent) async -> Void) async throws -> ToolOutput {
        let path = try arguments.string("path")
        let content = try arguments.string("content")
        let file = try resolve(path, for: .write)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = manager.fileExists(atPath: file.absolute, isDirectory: &isDirectory)
        if existed && isDirectory.boolValue { return .failure("\(file.relative) is a directory") }
        let parent = (file.absolute as NSString).deletingLastPathComponent
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: file.absolute))
        } catch {
            return .failure("cannot write \(file.relative): \(error.localizedDescription)")
        }
        await events(.fileChanged(path: file.relative, kind: existed ? .modified : .created))
        return .success("Wrote \(content.utf8.count) bytes to \(file.relative) (\(existed ? "modified" : "created")).")
    }

    func editFile(_ arguments: ToolArguments, events: (AgentEvent) async -> Void) async throws -> ToolOutput {
        let path = try arguments.string("path")
        let old = try arguments.string("old_string")
        let new = try arguments.string("new_string")
        let replaceAll = arguments.bool("replace_all")
        let file = try resolve(path, for: .write)
        guard !old.isEmpty else { return .failure("old_string is empty; use write_file to create a file") }
        guard old != new else { return .failure("old_string and new_string are the same") }
        let text = String(decoding: try readData(file, path: path), as: UTF8.self)
        let count = text.ranges(of: old).count
        guard count > 0 else { return .failure("old_string was not found in \(file.relative)") }
        guard count == 1 || replaceAll else {
            return .failure(
                "old_string occurs \(count) times in \(file.relative); add context to make it unique or set replace_all"
            )
        }
        let edited = replaceAll ? text.replacing(old, with: new) : text.replacing(old, with: new, maxReplacements: 1)
        do {
            try Data(edited.utf8).write(to: URL(fileURLWithPath: file.absolute))
        } catch {
            return .failure("cannot write \(file.relative): \(error.localizedDescription)")
        }
        await events(.fileChanged(path: file.relative, kind: .modified))
        return .success("Replaced \(replaceAll ? count : 1) occurrence(s) in \(file.relative).")
    }

    /// Reads a regular file within the size cap.
    private func readData(_ file: ResolvedPath, path: String) throws(ToolArguments.Failure) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.absolute, isDirectory: &isDirectory) else {
            throw ToolArguments.Failure(message: "\(file.relative) does not exist")
        }
        if isDirectory.boolValue {
            throw ToolArguments.Failure(message: "\(file.relative) is a directory; use list_files")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.absolute)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= configuration.maxFileBytes else {
            throw ToolArguments.Failure(
                message: "\(file.relative) is \(size) bytes, more than the \(configuration.maxFileBytes)-byte limit"
            )
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file.absolute))
        } catch {
            throw ToolArguments.Failure(message: "cannot read \(file.relative): \(error.localizedDescription)")
        }
    }
}
