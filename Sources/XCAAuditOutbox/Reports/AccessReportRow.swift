import Foundation

/// One line of a Patient Access Report (who accessed this patient's data) or a User Access Report (what this user
/// accessed), audit.md §5 (SRS privacy-officer reports).
package struct AccessReportRow: Sendable, Hashable, Codable {
    /// `AuditEvent.recorded`.
    package var recorded: Date
    package var transaction: String
    /// `AuditEvent.action` (R, E, C…).
    package var action: String?
    /// 0 success, 4 minor failure, 8 serious failure, 12 major failure.
    package var outcome: Int
    package var patient: String?
    /// SDS user id or XUA NameID.
    package var user: String?
    package var userName: String?
    package var userRole: String?
    /// ODS code.
    package var organisation: String?
    package var organisationName: String?
    /// The calling system (its name, ASID and network address as recorded).
    package var caller: String?
    package var requestID: String
    package var eventID: String

    /// `outcome` in words.
    package var outcomeText: String {
        switch outcome {
        case 0: "success"
        case 4: "minor failure"
        case 8: "serious failure"
        case 12: "major failure"
        default: "outcome \(outcome)"
        }
    }

    /// The organisation's code and its name, each once (they are often the same text).
    package var organisationText: String {
        var parts: [String] = []
        for part in [organisation, organisationName].compactMap({ $0 }) where !parts.contains(part) { parts.append(part) }
        return parts.joined(separator: " ")
    }
}

/// Whose access a report is about.
package enum AccessReportSubject: Sendable, Hashable {
    /// Patient Access Report: every access to this NHS number's data.
    case patient(String)
    /// User Access Report: every access by this user (SDS user id or XUA NameID).
    case user(String)
}
