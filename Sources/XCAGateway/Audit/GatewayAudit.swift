import XCAAudit

/// The audit trail as the request pipeline sees it (audit.md §7–§8): the Audit Creator that makes the events, the
/// patient index it fills from ITI-38 answers (retrieves name documents and studies, never the patient), and the
/// durable journal every request's events are written to before its answer is released.
///
/// "No audit, no access": while ``isWritable`` says the journal cannot be written, new requests are refused with a
/// SOAP Receiver fault; when writing a request's events fails, its answer is withheld and the caller gets that fault.
package struct GatewayAudit: Sendable {
    package let creator: AuditCreator
    package let patients: AuditPatientIndex
    package let journal: any AuditJournal
    /// Whether the journal's last write succeeded: cheap, no I/O (read on every request).
    package let isWritable: @Sendable () -> Bool

    package init(
        settings: AuditSettings,
        journal: any AuditJournal,
        patients: AuditPatientIndex = AuditPatientIndex(),
        isWritable: @escaping @Sendable () -> Bool = { true }
    ) {
        self.creator = AuditCreator(settings: settings, patients: patients)
        self.patients = patients
        self.journal = journal
        self.isWritable = isWritable
    }

    /// The SOAP fault of a request refused because its audit events cannot be written.
    static let refusal = "no audit, no access: the gateway cannot write its audit trail; try again later"
}
