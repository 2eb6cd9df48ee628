/// The `AuditEvent.action` of an ITI-38 event in the PARS serialisation (audit.md §2, open question 2): the NHS
/// England seed says `R`, IHE, DICOM and BALP say `E` (Execute). The IHE/BALP serialisation always uses `E`.
public enum AuditQueryAction: String, Sendable, Hashable, CaseIterable {
    /// `R`, Read/View/Print (the seed's choice; the default).
    case read = "R"
    /// `E`, Execute ("perform a query/search operation").
    case execute = "E"
}
