import GRDB
import GRDBSQLite

/// A thin, allocation-free wrapper over a GRDB-prepared statement for the hot paths
/// (append, rebuild, verify): binds and reads columns with the SQLite C API directly.
///
/// Valid only inside the GRDB access block of the `Database` that prepared it.
struct RawStatement {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private var nextIndex: Int32 = 1

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Binding (in parameter order)

    mutating func bind(_ value: Int64) { sqlite3_bind_int64(handle, advance(), value) }
    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { sqlite3_bind_null(handle, advance()) }
    }
    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(_ value: String?) {
        let index = advance()
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { utf8 in
            guard let base = utf8.baseAddress, !utf8.isEmpty else {
                _ = sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                return
            }
            let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, text, Int32(utf8.count), sqliteTransient)
        }
    }

    mutating func bind(blob: [UInt8]) {
        let index = advance()
        blob.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(
                handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), sqliteTransient)
        }
    }

    private mutating func advance() -> Int32 {
        defer { nextIndex += 1 }
        return nextIndex
    }

    // MARK: Stepping

    /// Runs a statement that returns no rows, then resets it for reuse.
    mutating func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        nextIndex = 1
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastMessage)
        }
    }

    /// Steps to the next row; false at the end.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastMessage)
        }
    }

    /// Resets for reuse with new bindings.
    mutating func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        nextIndex = 1
    }

    private var lastMessage: String? {
        guard let connection = sqlite3_db_handle(handle), let message = sqlite3_errmsg(connection) else { return nil }
        return String(cString: message)
    }

    // MARK: Columns of the current row

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The column's bytes, valid until the next step or reset.
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count)
    }
}

/// SQLite copies bound text and blobs before the call returns.
private let sqliteTransient = unsafeBitCast(Int(-1), to: sqlite3_destructor_type.self)
