import Foundation
import GRDB
import Testing

/// Direct access to a store's SQLite file behind its back, to damage it the way a bug, a crash or a
/// person with `sqlite3` could. Only ever used on a file whose store is closed.
enum RawDatabase {
    /// Runs `body` in one write transaction on its own connection, then closes it.
    static func write(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try body(db) }
        try queue.close()
    }

    /// Runs `body` on its own connection, then closes it.
    static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path)
        let result = try queue.read { db in try body(db) }
        try queue.close()
        return result
    }

    /// Moves everything in the WAL into the main file and empties the WAL.
    static func checkpoint(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let busy: Int = row?[0] ?? 1
            guard busy == 0 else { throw TestFailure("the WAL checkpoint was blocked: is the store still open?") }
        }
        try queue.close()
    }

    /// XORs one byte in the middle of every occurrence of `marker` in the file with 0x01, which keeps
    /// ASCII text ASCII (so the damaged event still decodes and only its hash can tell).
    /// - Returns: How many occurrences were changed.
    static func flipByte(inEveryOccurrenceOf marker: String, fileAt path: String) throws -> Int {
        try checkpoint(path)
        let wal = path + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0  // nil: no WAL file
        #expect(walSize == 0, "the WAL still holds \(walSize) bytes: the store is not closed")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let needle = Array(marker.utf8)
        var count = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && Array(bytes[index..<(index + needle.count)]) == needle {
                bytes[index + needle.count / 2] ^= 0x01
                count += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return count
    }
}

/// A failure in a test's own setup.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
