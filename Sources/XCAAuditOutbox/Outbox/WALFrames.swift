import GRDB
import GRDBSQLite
import Synchronization

/// The WAL's size in frames as SQLite reports it after each commit on the outbox's writer connection
/// (`sqlite3_wal_hook`, which also replaces SQLite's automatic checkpoint: that one runs inside COMMIT, so the
/// requests of the batch would wait for it), and whether the outbox's own checkpoint is due.
final class WALFrames: Sendable {
    /// Frames written since the last checkpoint that make the next one due: about 16 MiB of 4 KiB pages (SQLite's
    /// default is 1,000). A checkpoint syncs the WAL and the database: at a few pages per request, every 1,000
    /// frames would add a sync per 150 requests or so to the commits' one per batch.
    static let checkpointFrames = 4_000

    private let frames = Atomic<Int>(0)
    /// Frames still in the WAL after the last checkpoint (0 when it copied them all: the WAL starts over).
    private let remaining = Atomic<Int>(0)

    /// Installs the hook on `db`'s connection (the writer's). This object must outlive the connection's commits.
    func watch(_ db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed")
        }
        sqlite3_wal_hook(
            connection,
            { context, _, _, frames in
                if let context {
                    Unmanaged<WALFrames>.fromOpaque(context).takeUnretainedValue().frames.store(Int(frames), ordering: .relaxed)
                }
                return SQLITE_OK
            },
            Unmanaged.passUnretained(self).toOpaque()
        )
    }

    var isCheckpointDue: Bool {
        frames.load(ordering: .relaxed) >= remaining.load(ordering: .relaxed) + Self.checkpointFrames
    }

    /// A checkpoint found `walFrames` frames in the WAL and copied `copied` of them to the database.
    func checkpointed(walFrames: Int, copied: Int) {
        remaining.store(copied >= walFrames ? 0 : walFrames, ordering: .relaxed)
    }
}
