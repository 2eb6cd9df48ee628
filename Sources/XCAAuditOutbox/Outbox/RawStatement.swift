import GRDB
import GRDBSQLite

/// A statement prepared (and cached) by GRDB, bound and stepped through SQLite's C API. The commit path inserts
/// thousands of rows a second: GRDB's `StatementArguments` box every value in an existential and copy every blob
/// into `Data` first, and neither is needed to bind a string, an integer or bytes that outlive the step.
struct RawStatement {
    private let handle: SQLiteStatement
    private let connection: SQLiteConnection

    init(_ statement: Statement, in db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed")
        }
        self.handle = statement.sqliteStatement
        self.connection = connection
    }

    /// SQLite copies the value during the call (`SQLITE_TRANSIENT`).
    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_text(handle, index, value, -1, Self.transient)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Runs the statement to completion and resets it; throws SQLite's error otherwise.
    func step() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_reset(handle)
    }

    /// Binds `bytes` at `index` without copying them and runs the statement while they are alive.
    func step(binding bytes: [UInt8], at index: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            // A zero-length blob, not NULL, when there are no bytes.
            let base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
            sqlite3_bind_blob(handle, index, base, Int32(buffer.count), nil)
            defer { sqlite3_bind_null(handle, index) }
            try step()
        }
    }

    /// The rowid of the last row inserted on the connection.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}
