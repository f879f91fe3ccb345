import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What tests ask about real processes (Linux `/proc`): whether a process or a process group still runs,
/// and a bounded wait for a condition, so no test sleeps to wait for a process to go.
public enum ProcessProbe {
    /// Whether `/proc` can be read (Linux).
    public static var procAvailable: Bool { FileManager.default.fileExists(atPath: "/proc/self/stat") }

    /// The processes of group `group` that are not zombies (a killed orphan stays a zombie until init reaps it).
    /// - Parameter group: The process group id.
    /// - Returns: Their ids; empty when none (or without `/proc`).
    public static func liveMembers(ofGroup group: Int32) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []  // nil: no /proc
        return names.compactMap(Int32.init).filter { pid in
            guard let (state, processGroup) = stat(pid) else { return false }
            return processGroup == group && state != "Z" && state != "X"
        }
    }

    /// Whether process `pid` runs (exists and is not a zombie).
    public static func isRunning(_ pid: Int32) -> Bool {
        guard let (state, _) = stat(pid) else { return procAvailable ? false : kill(pid, 0) == 0 }
        return state != "Z" && state != "X"
    }

    /// Waits until `condition` holds, checking every 20 ms, at most `timeout`.
    /// - Returns: Whether it held before the timeout.
    public static func wait(timeout: Duration, until condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))  // nil: cancelled; the loop ends at the deadline
        }
        return try await condition()
    }

    /// `(state, process group)` from `/proc/<pid>/stat`; nil when the process is gone.
    private static func stat(_ pid: Int32) -> (Substring, Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),  // nil: gone
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let group = Int32(fields[2]) else { return nil }
        return (fields[0], group)
    }
}
