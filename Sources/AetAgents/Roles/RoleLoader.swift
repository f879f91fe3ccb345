public import AetCore
import Foundation

/// Reads every role file (`*.md`, sorted by name) of a directory, usually `<project>/.aet/agents/`.
///
/// Each file must be at most ``maximumFileSize`` bytes of UTF-8 text and parse with
/// ``Role/init(parsing:path:)``. A missing directory holds no roles.
///
/// ```swift
/// let loader = RoleLoader(directory: root + "/.aet/agents", displayDirectory: ".aet/agents")
/// let roles = try loader.load()
/// ```
public struct RoleLoader: Sendable {
    /// The largest role file read: 256 KiB.
    public static let maximumFileSize = 256 * 1024

    /// The directory, as an absolute path.
    public var directory: String
    /// The directory as messages show it, e.g. `.aet/agents`.
    public var displayDirectory: String

    /// Creates a loader.
    /// - Parameters:
    ///   - directory: The directory holding the role files.
    ///   - displayDirectory: How messages name it.
    public init(directory: String, displayDirectory: String = ".aet/agents") {
        self.directory = directory
        self.displayDirectory = displayDirectory
    }

    /// Reads and checks every role file.
    /// - Returns: The roles.
    /// - Throws: ``ValidationFailure`` for the first file (in name order) that cannot be read or is invalid,
    ///   naming the file, the line when known and the field.
    public func load() throws(ValidationFailure) -> RoleSet {
        var roles: [Role] = []
        for file in try fileNames() {
            roles.append(try load(file: file))
        }
        return try RoleSet(roles, directory: displayDirectory)
    }

    /// The `*.md` files of the directory, sorted; hidden files (editor backups such as `.#x.md`) are skipped.
    public func fileNames() throws(ValidationFailure) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw ValidationFailure("\(displayDirectory) is not a directory: remove it, then run aet init.")
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw ValidationFailure("could not list \(displayDirectory): check its permissions.")
        }
        return names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
    }

    /// Reads one role file of the directory.
    /// - Parameter file: The file's name, e.g. `reviewer.md`.
    /// - Returns: The role.
    /// - Throws: ``ValidationFailure`` naming the file.
    public func load(file: String) throws(ValidationFailure) -> Role {
        let shown = displayDirectory.isEmpty ? file : "\(displayDirectory)/\(file)"
        let bytes = try read(Self.join(directory, file), shown: shown)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = Self.lineOfFirstInvalidUTF8(in: bytes).map { ", line \($0)" } ?? ""
            throw ValidationFailure("\(shown)\(line): the file is not valid UTF-8 text: save it as UTF-8.")
        }
        return try Role(parsing: text, path: shown)
    }

    private func read(_ path: String, shown: String) throws(ValidationFailure) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationFailure("\(shown) is not a file: a role is a Markdown file; remove or rename it.")
        }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }  // best effort: the bytes are already read
            let data = try handle.read(upToCount: Self.maximumFileSize + 1) ?? Data()
            guard data.count <= Self.maximumFileSize else {
                throw ValidationFailure(
                    "\(shown) is larger than 256 KiB: keep a role's instructions short "
                        + "(move reference material into the repository)."
                )
            }
            return [UInt8](data)
        } catch let failure as ValidationFailure {
            throw failure
        } catch {
            throw ValidationFailure("could not read \(shown): check its permissions.")
        }
    }

    private static func join(_ directory: String, _ file: String) -> String {
        directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// The 1-based line of the first byte that is not valid UTF-8, or nil when all are valid.
    static func lineOfFirstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return 1 + bytes[..<offset].count(where: { $0 == UInt8(ascii: "\n") })
            }
        }
    }
}
