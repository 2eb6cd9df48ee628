import XCAModel

/// `AuditEvent.type`, `action` and `subtype` per transaction and gateway role (audit.md §8.1; DICOM PS3.15 A.5.3;
/// ITI TF-2 3.18.5.1, 3.43.6.1; RAD TF-3 Table 3.20.4.1.1.1-1 "Study-used").
struct AuditEventCoding {
    /// DICOM event ID (system `http://dicom.nema.org/resources/ontology/DCM`).
    var typeCode: StaticString
    var typeDisplay: StaticString
    /// FHIR audit-event-action.
    var action: StaticString
    /// IHE event type code (`urn:ihe:event-type-code`).
    var subtypeCode: StaticString
    var subtypeDisplay: StaticString

    init(_ transaction: AuditedTransaction, role: AuditRole, format: AuditFormat, queryAction: AuditQueryAction) {
        switch transaction {
        case .known(let known):
            self.init(known, role: role, format: format, queryAction: queryAction)
        case .unknown(let attempted):
            if let attempted {
                self.init(attempted, role: role, format: format, queryAction: queryAction)
            } else {
                self.init(typeCode: "110100", typeDisplay: "Application Activity", action: "E", subtypeCode: "", subtypeDisplay: "")
            }
            subtypeCode = "unknown"
            subtypeDisplay = "Request refused before its transaction was known"
        }
    }

    private init(_ transaction: Transaction, role: AuditRole, format: AuditFormat, queryAction: AuditQueryAction) {
        switch (transaction, role) {
        case (.iti38, _):
            let action: StaticString = role == .responder && format == .pars && queryAction == .read ? "R" : "E"
            self.init(typeCode: "110112", typeDisplay: "Query", action: action, subtypeCode: "ITI-38", subtypeDisplay: "Cross Gateway Query")
        case (.iti39, .responder):
            self.init(typeCode: "110106", typeDisplay: "Export", action: "R", subtypeCode: "ITI-39", subtypeDisplay: "Cross Gateway Retrieve")
        case (.iti39, .initiator):
            self.init(typeCode: "110107", typeDisplay: "Import", action: "C", subtypeCode: "ITI-39", subtypeDisplay: "Cross Gateway Retrieve")
        case (.rad75, _):
            self.init(
                typeCode: "110103", typeDisplay: "DICOM Instances Accessed", action: "R", subtypeCode: "RAD-75",
                subtypeDisplay: "Cross Gateway Retrieve Imaging Document Set"
            )
        case (.rad69, _):
            self.init(
                typeCode: "110103", typeDisplay: "DICOM Instances Accessed", action: "R", subtypeCode: "RAD-69",
                subtypeDisplay: "Retrieve Imaging Document Set"
            )
        }
    }

    private init(
        typeCode: StaticString,
        typeDisplay: StaticString,
        action: StaticString,
        subtypeCode: StaticString,
        subtypeDisplay: StaticString
    ) {
        self.typeCode = typeCode
        self.typeDisplay = typeDisplay
        self.action = action
        self.subtypeCode = subtypeCode
        self.subtypeDisplay = subtypeDisplay
    }

    /// The transaction's name for `entity[endpoint].name` (PARS-G "interaction name").
    static func interactionName(_ transaction: Transaction?) -> StaticString {
        switch transaction {
        case .iti38: "Cross Gateway Query"
        case .iti39: "Cross Gateway Retrieve"
        case .rad75: "Cross Gateway Retrieve Imaging Document Set"
        case .rad69: "Retrieve Imaging Document Set"
        case nil: "Unrecognised request"
        }
    }
}
