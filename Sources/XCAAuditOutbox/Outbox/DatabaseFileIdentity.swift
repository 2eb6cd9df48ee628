#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The device and inode of the database file, taken when the outbox opens. SQLite keeps writing to a file that was
/// deleted or replaced underneath it (its descriptors still point at the old inode), and those commits would vanish
/// at the next start; comparing the identity before each commit (one `stat`) turns that into a write failure.
struct DatabaseFileIdentity: Sendable, Hashable {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path`, or nil when there is none.
    static func of(path: String) -> DatabaseFileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return DatabaseFileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
