#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resource limits for an agent process and everything it starts (inherited across `fork`/`exec`).
/// Each is set as both soft and hard limit, so the agent cannot raise it back; `nil` leaves it as is.
/// Limits only ever go down: a value above aet's own hard limit is lowered to it.
public struct ResourceLimits: Sendable, Hashable {
    /// Largest core dump (`RLIMIT_CORE`); 0 means none, so secrets in memory never land on disk.
    public var coreFileBytes: UInt64?
    /// Open file descriptors per process (`RLIMIT_NOFILE`).
    public var openFiles: UInt64?
    /// Largest file a process may write (`RLIMIT_FSIZE`).
    public var fileSizeBytes: UInt64?
    /// Address space per process (`RLIMIT_AS`): off by default, because V8-based CLIs reserve large
    /// ranges; set it only for runtimes verified to tolerate it (Claude Code ran under 1 GiB).
    public var addressSpaceBytes: UInt64?
    /// CPU seconds per process (`RLIMIT_CPU`): a backstop behind the wall-clock timeout.
    public var cpuSeconds: UInt64?
    /// Processes of the user (`RLIMIT_NPROC`): off by default, since it counts all of the user's processes.
    public var processes: UInt64?

    /// Creates limits; the defaults are core 0, 4096 files, 8 GiB files, 4 hours of CPU.
    /// - Parameters:
    ///   - coreFileBytes: Core dump size.
    ///   - openFiles: Open files.
    ///   - fileSizeBytes: File size.
    ///   - addressSpaceBytes: Address space.
    ///   - cpuSeconds: CPU seconds.
    ///   - processes: User processes.
    public init(
        coreFileBytes: UInt64? = 0,
        openFiles: UInt64? = 4096,
        fileSizeBytes: UInt64? = 8 << 30,
        addressSpaceBytes: UInt64? = nil,
        cpuSeconds: UInt64? = 4 * 3600,
        processes: UInt64? = nil
    ) {
        self.coreFileBytes = coreFileBytes
        self.openFiles = openFiles
        self.fileSizeBytes = fileSizeBytes
        self.addressSpaceBytes = addressSpaceBytes
        self.cpuSeconds = cpuSeconds
        self.processes = processes
    }

    /// No limits at all.
    public static let none = ResourceLimits(
        coreFileBytes: nil,
        openFiles: nil,
        fileSizeBytes: nil,
        addressSpaceBytes: nil,
        cpuSeconds: nil,
        processes: nil
    )

    /// The `prlimit` options for these limits, each lowered to aet's own current hard limit.
    /// - Returns: Options such as `--core=0`, `--nofile=4096`; empty when no limit is set.
    public func prlimitArguments() -> [String] {
        var arguments: [String] = []
        func add(_ option: String, _ value: UInt64?, _ resource: Resource) {
            guard let value else { return }
            let clamped = resource.currentHardLimit.map { min($0, value) } ?? value
            arguments.append("--\(option)=\(clamped)")
        }
        add("core", coreFileBytes, .core)
        add("nofile", openFiles, .openFiles)
        add("fsize", fileSizeBytes, .fileSize)
        add("as", addressSpaceBytes, .addressSpace)
        add("cpu", cpuSeconds, .cpu)
        add("nproc", processes, .processes)
        return arguments
    }

    private enum Resource {
        case core, openFiles, fileSize, addressSpace, cpu, processes

        /// aet's own hard limit, `nil` when unlimited or unknown.
        var currentHardLimit: UInt64? {
            var limit = rlimit()
            #if canImport(Glibc)
            let resource: __rlimit_resource_t
            switch self {
            case .core: resource = __rlimit_resource_t(RLIMIT_CORE.rawValue)
            case .openFiles: resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
            case .fileSize: resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
            case .addressSpace: resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
            case .cpu: resource = __rlimit_resource_t(RLIMIT_CPU.rawValue)
            case .processes: resource = __rlimit_resource_t(__RLIMIT_NPROC.rawValue)
            }
            #else
            let resource: Int32
            switch self {
            case .core: resource = RLIMIT_CORE
            case .openFiles: resource = RLIMIT_NOFILE
            case .fileSize: resource = RLIMIT_FSIZE
            case .addressSpace: resource = RLIMIT_AS
            case .cpu: resource = RLIMIT_CPU
            case .processes: resource = RLIMIT_NPROC
            }
            #endif
            // RLIM_INFINITY is all bits set (glibc's macro does not import as an unsigned constant).
            guard getrlimit(resource, &limit) == 0, limit.rlim_max != rlim_t.max else { return nil }
            return UInt64(limit.rlim_max)
        }
    }
}
