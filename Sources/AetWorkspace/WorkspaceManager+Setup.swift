import Foundation
import Logging
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

extension WorkspaceManager {
    /// The most bytes of a file that ``Configuration/copiedFiles`` copies.
    static let copiedFileLimit = 16 * 1024 * 1024

    /// Runs the setup command with `/bin/sh -c` in its own process group, cwd = the worktree, no stdin;
    /// stdout and stderr are kept together (last 64 KiB). On timeout the whole group gets SIGTERM, then
    /// SIGKILL after 2 s.
    func runSetup(_ command: String, in workspace: Workspace) async throws {
        let tail = OutputTail(limit: 64 * 1024)
        let options = {
            var options = PlatformOptions()
            options.processGroupID = 0  // its own group, so a timeout stops everything it started
            options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
            return options
        }()
        let environment = Git.scrubbedEnvironment(
            base: configuration.setupEnvironment,
            removing: Git.repositoryVariables,
            setting: [
                "AET_TICKET": "\(workspace.ticket)", "AET_WORKTREE": workspace.path, "AET_REPOSITORY": repositoryRoot,
                "GIT_TERMINAL_PROMPT": "0",
            ]
        )
        let timeout = configuration.setupTimeout
        let start = ContinuousClock.now
        logger.debug("running worktree setup", metadata: [LogKey.ticket: "\(workspace.ticket)"])

        let status: TerminationStatus?
        do {
            status = try await withDeadline(timeout) {
                let result = try await Subprocess.run(
                    .path("/bin/sh"),
                    arguments: ["-c", command],
                    environment: environment,
                    workingDirectory: FilePath(workspace.path),
                    platformOptions: options,
                    input: .none,
                    output: .sequence,
                    error: .combinedWithOutput
                ) { execution in
                    for try await buffer in execution.standardOutput {
                        tail.append(buffer.withUnsafeBytes { Array($0) })
                    }
                }
                return result.terminationStatus
            }
        } catch let error as SubprocessError {
            throw WorkspaceError(
                .setupFailed,
                "the worktree setup command for \(workspace.ticket) could not be started.",
                detail: "\(error)"
            )
        }
        let lines = tail.lastLines(20)
        let outputTail = lines.joined(separator: "\n")
        let lastLine = lines.last.map { " (last output: \(Self.clip($0)))" } ?? " (no output)"
        guard let status else {
            throw WorkspaceError(
                .setupTimedOut,
                "the worktree setup command for \(workspace.ticket) did not finish within \(timeout.secondsText) "
                    + "and was stopped\(lastLine).",
                outputTail: outputTail
            )
        }
        guard status.isSuccess else {
            let how =
                if case .exited = status { "exit status \(status.exitStatus)" } else {
                    "signal \(status.exitStatus - 128)"
                }
            throw WorkspaceError(
                .setupFailed,
                "the worktree setup command for \(workspace.ticket) failed with \(how)\(lastLine).",
                exitStatus: status.exitStatus,
                outputTail: outputTail
            )
        }
        logger.debug(
            "worktree setup done",
            metadata: [LogKey.ticket: "\(workspace.ticket)", LogKey.duration: "\(ContinuousClock.now - start)"]
        )
    }

    /// Copies ``Configuration/copiedFiles`` from the main checkout into the worktree. A file missing in
    /// the main checkout, or already present in the worktree, is skipped; a path that would read or
    /// write outside either root is refused.
    func copyConfiguredFiles(into workspace: Workspace) throws {
        let worktreeRoot = FileSystem.realPath(workspace.path) ?? workspace.path
        for relative in configuration.copiedFiles {
            let components = try Self.checkedComponents(of: relative)
            let source = repositoryRoot + "/" + components.joined(separator: "/")
            guard let resolved = FileSystem.realPath(source) else {
                logger.warning(
                    "file to copy into the worktree is missing in the main checkout; skipped",
                    metadata: [LogKey.ticket: "\(workspace.ticket)", LogKey.file: "\(relative)"]
                )
                continue
            }
            guard FileSystem.isInside(resolved, root: repositoryRoot),
                !FileSystem.isInside(resolved, root: repositoryRoot + "/.git")
            else {
                throw Self.refusedCopy(relative, "resolves to \(resolved), outside the repository")
            }
            guard FileSystem.entry(at: resolved) == .file else {
                throw Self.refusedCopy(relative, "is not a regular file")
            }

            var directory = worktreeRoot
            for component in components.dropLast() {
                directory += "/" + component
                switch FileSystem.entry(at: directory) {
                case .directory: continue
                case .missing:
                    do { try FileSystem.createDirectory(directory) } catch {
                        throw WorkspaceError(.copyFailed, "could not create \(directory) to copy '\(relative)' into.")
                    }
                default: throw Self.refusedCopy(relative, "has a symbolic link or file in its way in the worktree")
                }
            }
            let destination = directory + "/" + (components.last ?? "")
            guard FileSystem.entry(at: destination) == .missing else { continue }
            do {
                let attributes = try FileManager.default.attributesOfItem(atPath: resolved)
                if let size = attributes[.size] as? Int, size > Self.copiedFileLimit {
                    throw WorkspaceError(.copyFailed, "'\(relative)' is larger than 16 MiB and was not copied.")
                }
                let data = try Data(contentsOf: URL(fileURLWithPath: resolved))
                try data.write(to: URL(fileURLWithPath: destination), options: .withoutOverwriting)
                if let permissions = attributes[.posixPermissions] {
                    try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: destination)
                }
            } catch let error as WorkspaceError {
                throw error
            } catch {
                throw WorkspaceError(
                    .copyFailed,
                    "could not copy '\(relative)' into the worktree of \(workspace.ticket).",
                    detail: "\(error)"
                )
            }
        }
    }

    /// Splits a configured relative path, refusing absolute paths, `.`/`..`/empty components, `.git`,
    /// backslashes, control characters and percent-encoded bytes.
    static func checkedComponents(of path: String) throws -> [String] {
        let problem: String? =
            if path.isEmpty { "is empty" } else if path.hasPrefix("/") {
                "is absolute"
            } else if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                "contains a control character"
            } else if path.contains("\\") {
                "contains a backslash"
            } else if path.range(of: "%[0-9A-Fa-f]{2}", options: .regularExpression) != nil {
                "is percent-encoded"
            } else if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: {
                $0.isEmpty || $0 == "." || $0 == ".." || $0 == ".git"
            }) {
                "has an empty, '.', '..' or '.git' component"
            } else { nil }
        if let problem { throw refusedCopy(path, problem) }
        return path.split(separator: "/").map(String.init)
    }

    static func refusedCopy(_ path: String, _ problem: String) -> WorkspaceError {
        WorkspaceError(
            .copyRefused,
            "the file to copy '\(clip(path))' \(problem): list files inside the repository by relative path, e.g. .env."
        )
    }

    /// A line shortened to 200 characters for a message.
    static func clip(_ text: String) -> String {
        let printable = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })
        )
        return printable.count > 200 ? String(printable.prefix(200)) + "…" : printable
    }
}
