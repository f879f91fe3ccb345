#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks at other processes through `/proc` (Linux): who is still in a process group, and who carries
/// a run's marker variable. Elsewhere the answers are "unknown" (`nil`) or empty.
enum ProcessTable {
    /// One process as `/proc/<pid>/stat` describes it.
    struct Entry: Hashable, Sendable {
        var pid: pid_t
        var state: UInt8
        var processGroup: pid_t
        var isZombie: Bool { state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") }
    }

    /// Whether `/proc` can be read here.
    static var isAvailable: Bool {
        #if os(Linux)
        return access("/proc/self/stat", R_OK) == 0
        #else
        return false
        #endif
    }

    /// The processes of a group that are still running (zombies excluded).
    /// - Parameter group: The process-group identifier.
    /// - Returns: Their identifiers, or `nil` when `/proc` is unavailable.
    static func liveMembers(ofGroup group: pid_t) -> [pid_t]? {
        guard isAvailable else { return nil }
        return processIDs().compactMap { pid in
            guard let entry = entry(pid), entry.processGroup == group, !entry.isZombie else { return nil }
            return pid
        }
    }

    /// The running processes whose environment holds exactly this entry.
    /// - Parameter marker: An entry such as `AET_RUN_MARKER=…`.
    /// - Returns: Their identifiers (empty when `/proc` is unavailable or nothing matches).
    static func processes(withEnvironmentEntry marker: String) -> [pid_t] {
        guard isAvailable else { return [] }
        let needle = Array(marker.utf8)
        let own = getpid()
        return processIDs().filter { pid in
            guard pid != own, let environ = readFile("/proc/\(pid)/environ", limit: 4 << 20) else { return false }
            guard
                environ.split(separator: 0, omittingEmptySubsequences: true).contains(where: {
                    $0.elementsEqual(needle)
                })
            else { return false }
            return entry(pid).map { !$0.isZombie } ?? false
        }
    }

    /// The `/proc/<pid>/stat` record of a process.
    static func entry(_ pid: pid_t) -> Entry? {
        guard let bytes = readFile("/proc/\(pid)/stat", limit: 4096),
            let close = bytes.lastIndex(of: UInt8(ascii: ")"))
        else { return nil }
        // After "pid (comm) ": state ppid pgrp …; comm may hold spaces and parentheses.
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "))
        guard fields.count >= 3, let state = fields[0].first,
            let group = Int32(String(decoding: fields[2], as: UTF8.self))
        else { return nil }
        return Entry(pid: pid, state: state, processGroup: group)
    }

    /// All numeric entries of `/proc`.
    static func processIDs() -> [pid_t] {
        #if os(Linux)
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var pids: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let pid = Int32(name), pid > 0 { pids.append(pid) }
        }
        return pids
        #else
        return []
        #endif
    }

    /// Reads a small file completely (procfs files report size 0, so `stat` cannot size them).
    /// - Parameters:
    ///   - path: The file.
    ///   - limit: The most bytes read.
    /// - Returns: The bytes, or `nil` when the file cannot be opened.
    static func readFile(_ path: String, limit: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while result.count < limit {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }
}
