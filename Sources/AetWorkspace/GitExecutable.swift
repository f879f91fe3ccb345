import Foundation
import Synchronization

extension Git {
    /// Where `git` is on a search path, found once per path and remembered.
    ///
    /// Handing swift-subprocess only the name makes it try each `PATH` entry in turn, one spawn
    /// attempt per entry (eight on a machine with pyenv and cargo on `PATH`, ≈ 2 ms each, measured
    /// with strace): resolving the path once takes that off every git command aet runs.
    /// - Parameter searchPath: A `PATH` value.
    /// - Returns: The first executable `git` on it, or nil (git then reports `gitNotFound` as before).
    static func locate(onPath searchPath: String) -> String? {
        if let known = locations.withLock({ $0[searchPath] }) { return known }
        let found = searchPath.split(separator: ":", omittingEmptySubsequences: true).lazy
            .map { String($0) + "/git" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if let found { locations.withLock { $0[searchPath] = found } }
        return found
    }

    private static let locations = Mutex<[String: String]>([:])
}

extension Git {
    /// This process's `PATH`.
    static var processSearchPath: String { ProcessInfo.processInfo.environment["PATH"] ?? "" }
}
