extension AuditEventWriter {
    /// The part of a request's events they all have in common, byte for byte: `,"source":…,"entity":[` with the
    /// patient and transaction entities and, for ITI-38, the query entity through its base64 query. Written for a
    /// request's first event and copied into the others (``AuditEnvelope/shared`` is its range).
    struct SharedPart: Sendable {
        var bytes: [UInt8]
        var patient: AuditPatient?
        var transactionID: String
        /// The query whose head it ends with (nil: it ends with the transaction entity).
        var query: AuditQuery?

        func fits(_ record: AuditRecord, query head: AuditQuery?) -> Bool {
            record.patient == patient && record.transactionID == transactionID && head?.queryID == query?.queryID
                && head?.base64 == query?.base64
        }
    }

    /// The query entity whose head (through the base64 query) belongs to the shared part: one with a query.
    static func sharedQuery(_ record: AuditRecord) -> AuditQuery? {
        guard case .query(let query) = record.subject, !query.base64.isEmpty else { return nil }
        return query
    }

    /// `source` and `entity`: the patient, the transaction (BALP XrequestId), the IHE participant objects of the
    /// request (query, documents or studies) and the endpoint accessed (PARS-G). Only request content: nothing of
    /// any response. `shared`: the request's ``SharedPart``, copied when it fits this event, else written and kept.
    /// Returns the range of the shared part in the output.
    func writeSourceAndEntities(_ record: AuditRecord, shared: inout SharedPart?, into w: inout JSONWriter) -> Range<Int> {
        let start = w.count
        let query = Self.sharedQuery(record)
        if let part = shared, part.fits(record, query: query) {
            w.append(verbatimValue: part.bytes)
        } else {
            w.key("source")
            w.raw(source)
            w.key("entity")
            w.beginArray()
            writePatientAndTransaction(record, into: &w)
            if let query { writeQueryHead(query, into: &w) }
            shared = SharedPart(bytes: w.copy(from: start), patient: record.patient, transactionID: record.transactionID, query: query)
        }
        let end = w.count
        switch record.subject {
        case .none: break
        case .query(let sent):
            if query == nil { writeQueryHead(sent, into: &w) }
            writeQueryTail(sent, into: &w)
        case .documents(let documents): for document in documents { writeDocument(document, into: &w) }
        case .studies(let studies): for study in studies { writeStudy(study, into: &w) }
        }
        writeEndpoint(record, into: &w)
        w.endArray()
        return start..<end
    }

    // MARK: Private

    private func writePatientAndTransaction(_ record: AuditRecord, into w: inout JSONWriter) {
        if let patient = record.patient, !patient.value.isEmpty {
            w.beginObject()
            w.key("what")
            w.beginObject()
            w.key("identifier")
            w.beginObject()
            w.field("system", ifPresent: patient.system)
            w.field("value", patient.value)
            w.endObject()
            w.endObject()
            w.key("type")
            w.coding(FHIRSystem.auditEntityType, "1", "Person")
            w.key("role")
            w.coding(FHIRSystem.objectRole, "1", "Patient")
            w.endObject()
        }

        w.beginObject()
        w.key("what")
        w.beginObject()
        w.key("identifier")
        w.identifier(FHIRSystem.transaction, record.transactionID)
        w.endObject()
        w.key("type")
        w.coding(FHIRSystem.balpEntityType, "XrequestId")
        w.endObject()
    }

    /// ITI TF-2 3.18.5.1 QueryParameters: type 2, role 24, `what` the stored-query id, `query` the
    /// AdhocQueryRequest base64, details QueryEncoding and homeCommunityId. The head, through the base64 query, is
    /// the same in every event of the request; the tail (the `home` detail) differs per leg.
    private func writeQueryHead(_ query: AuditQuery, into w: inout JSONWriter) {
        w.beginObject()
        writeWhat(query.queryID, into: &w)
        w.key("type")
        w.coding(FHIRSystem.auditEntityType, "2", "System Object")
        w.key("role")
        w.coding(FHIRSystem.objectRole, "24", "Query")
        if !query.base64.isEmpty {
            w.key("query")
            w.string(asciiBytes: query.base64)
        }
    }

    private func writeQueryTail(_ query: AuditQuery, into w: inout JSONWriter) {
        writeDetails(
            [("QueryEncoding", "UTF-8"), ("urn:ihe:iti:xca:2010:homeCommunityId", query.homeCommunityID?.rawValue)],
            into: &w
        )
        w.endObject()
    }

    /// ITI TF-2 Table 3.43.6.1.1 Document: type 2, role 3, details "Repository Unique ID", "ihe:homeCommunityID".
    private func writeDocument(_ document: AuditDocument, into w: inout JSONWriter) {
        w.beginObject()
        writeWhat(document.documentUniqueID.rawValue, into: &w)
        w.key("type")
        w.coding(FHIRSystem.auditEntityType, "2", "System Object")
        w.key("role")
        w.coding(FHIRSystem.objectRole, "3", "Report")
        writeDetails(
            [("Repository Unique ID", document.repositoryUniqueID.rawValue), ("ihe:homeCommunityID", document.homeCommunityID?.rawValue)],
            into: &w
        )
        w.endObject()
    }

    /// DICOM PS3.15 A.5.3.6 Study: identifier type DCM 110180, `urn:oid:` UID; series, repository and community
    /// details; `auditevent-NumberOfInstances`.
    private func writeStudy(_ study: AuditStudy, into w: inout JSONWriter) {
        w.beginObject()
        w.key("extension")
        w.beginArray()
        w.beginObject()
        w.field("url", FHIRSystem.numberOfInstances)
        w.key("valueInteger")
        w.integer(study.instanceCount)
        w.endObject()
        w.endArray()
        w.key("what")
        w.beginObject()
        w.key("identifier")
        w.beginObject()
        w.key("type")
        w.concept(FHIRSystem.dicom, "110180", "Study Instance UID")
        w.field("system", FHIRSystem.dicomUID)
        w.field("value", "urn:oid:" + study.studyInstanceUID.rawValue)
        w.endObject()
        w.endObject()
        w.key("type")
        w.coding(FHIRSystem.auditEntityType, "2", "System Object")
        w.key("role")
        w.coding(FHIRSystem.objectRole, "3", "Report")
        var details: [(StaticString, String?)] = []
        details.reserveCapacity(study.series.count + study.repositories.count + study.homeCommunityIDs.count)
        for series in study.series { details.append(("Series Instance Unique Id", series.rawValue)) }
        for repository in study.repositories { details.append(("Repository Unique Id", repository.rawValue)) }
        for home in study.homeCommunityIDs { details.append(("urn:ihe:iti:xca:2010:homeCommunityId", home.rawValue)) }
        writeDetails(details, into: &w)
        w.endObject()
    }

    /// PARS-G `entity[endpoint]`: `what` the ASID of the service accessed (the gateway's; on an initiator leg the
    /// community's homeCommunityId), `name` the interaction, details interactionIdentifier (the SOAP action),
    /// productIdentifier and, on a leg, its own MessageID.
    private func writeEndpoint(_ record: AuditRecord, into w: inout JSONWriter) {
        w.beginObject()
        w.key("what")
        w.beginObject()
        w.key("identifier")
        if record.role == .initiator, let home = record.community?.homeCommunityID.rawValue, !home.isEmpty {
            w.identifier(FHIRSystem.uri, home)
        } else {
            w.identifier(FHIRSystem.accreditedSystem, settings.asid)
        }
        w.endObject()
        w.key("type")
        w.coding(FHIRSystem.resourceTypes, "Endpoint")
        w.key("role")
        w.coding(FHIRSystem.objectRole, "17", "Data Repository")
        w.field("name", AuditEventCoding.interactionName(record.transaction.transaction))
        writeDetails(
            [
                ("interactionIdentifier", record.interaction), ("productIdentifier", settings.productName),
                ("MessageID", FHIRText.uri(record.legMessageID)),
            ],
            into: &w
        )
        w.endObject()
    }

    private func writeWhat(_ value: String, into w: inout JSONWriter) {
        guard !value.isEmpty else { return }
        w.key("what")
        w.beginObject()
        w.key("identifier")
        w.beginObject()
        w.field("value", value)
        w.endObject()
        w.endObject()
    }

    /// `"detail":[{"type":…,"valueString":…},…]`, leaving out absent and empty values (FHIR strings and arrays may
    /// not be empty); nothing at all when none is left.
    private func writeDetails(_ details: [(type: StaticString, value: String?)], into w: inout JSONWriter) {
        guard details.contains(where: { !($0.value ?? "").isEmpty }) else { return }
        w.key("detail")
        w.beginArray()
        for (type, value) in details {
            guard let value, !value.isEmpty else { continue }
            w.beginObject()
            w.field("type", type)
            w.field("valueString", value)
            w.endObject()
        }
        w.endArray()
    }
}
