#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a small side file, held while a store is opened and
/// migrated, so that several processes opening a new store at once do not race to create its
/// schema. It is a separate file: closing a descriptor of the database file itself would drop
/// SQLite's own POSIX locks.
struct FileLock: ~Copyable {
    private let descriptor: Int32

    /// Opens (creating if needed) `path` and waits for the exclusive lock.
    /// - Throws: ``StoreError`` when the file cannot be opened or locked.
    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError.unavailable("cannot create the lock file \(path): \(String(cString: strerror(errno))).")
        }
        // Blocks only while another process opens or migrates the same store (milliseconds).
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw StoreError.unavailable("cannot lock \(path): \(reason).")
            }
        }
    }

    /// Releases the lock (closing the file releases it).
    deinit { close(descriptor) }
}
