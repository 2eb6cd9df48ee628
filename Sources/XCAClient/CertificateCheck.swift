import Foundation

/// One certificate as a check found it: what it is used for, where it is, whom it names, when it ends.
public struct CertificateCheck: Sendable, Hashable {
    /// Every use of the file, joined (a CA file trusted by several sections is listed once).
    public var uses: [String]
    public var path: String
    /// 1 for the first certificate of the file (the leaf of a chain), 2 for the next…
    public var position: Int
    /// RFC 4514, most specific RDN first; nil when unreadable.
    public var subject: String?
    public var notValidBefore: Date?
    public var notValidAfter: Date?
    /// Whole days from the check to `notValidAfter` (negative once expired).
    public var daysLeft: Int?
    public var status: CertificateStatus
    /// Why a file is unreadable.
    public var problem: String?

    public init(
        uses: [String],
        path: String,
        position: Int = 1,
        subject: String? = nil,
        notValidBefore: Date? = nil,
        notValidAfter: Date? = nil,
        daysLeft: Int? = nil,
        status: CertificateStatus,
        problem: String? = nil
    ) {
        self.uses = uses
        self.path = path
        self.position = position
        self.subject = subject
        self.notValidBefore = notValidBefore
        self.notValidAfter = notValidAfter
        self.daysLeft = daysLeft
        self.status = status
        self.problem = problem
    }
}
