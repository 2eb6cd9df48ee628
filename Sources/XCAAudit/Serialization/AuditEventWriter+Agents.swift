extension AuditEventWriter {
    /// `agent`: the user (XUA), their role profile, their organisation, the community their request comes from, and
    /// the two network participants in DICOM's direction (audit.md §3): for a query the requester is Source 110153
    /// and the responder Destination 110152; for a retrieve the data holder is Source and the recipient
    /// Destination. Exactly one agent is the requestor: the user, else the organisation, else the requesting system.
    func writeAgents(_ record: AuditRecord, party: PartyAgents, into w: inout JSONWriter) {
        w.raw(party.json)
        let systemIsRequestor = record.user == nil && !party.organisationIsRequestor
        let isQuery = record.transaction.transaction.map { $0 == .iti38 } ?? true
        switch record.role {
        case .responder:
            if isQuery {
                writeCaller(record.caller, role: .source, requestor: systemIsRequestor, into: &w)
                writeGateway(role: .destination, network: record.gatewayEndpoint, requestor: false, into: &w)
            } else {
                writeGateway(role: .source, network: record.gatewayEndpoint, requestor: false, into: &w)
                writeCaller(record.caller, role: .destination, requestor: systemIsRequestor, into: &w)
            }
        case .initiator:
            let network = settings.endpointURL(path: "")
            if isQuery {
                writeGateway(role: .source, network: network, requestor: systemIsRequestor, into: &w)
                writeCommunity(record.community, role: .destination, into: &w)
            } else {
                writeCommunity(record.community, role: .source, into: &w)
                writeGateway(role: .destination, network: network, requestor: systemIsRequestor, into: &w)
            }
        }
    }

    /// The agents of the request's parties — the user, their role profile, their organisation, their community —
    /// written once and shared by every event of the request (they are the same in each).
    struct PartyAgents: Sendable {
        /// `{…},{…}`: agent objects separated by commas; empty when there are none.
        var json: [UInt8]
        /// Whether the organisation agent is the requestor (no user).
        var organisationIsRequestor: Bool
    }

    func partyAgents(_ record: AuditRecord) -> PartyAgents {
        var w = JSONWriter(capacity: 1_024)
        let user = record.user
        if let user {
            writeUser(user, into: &w)
            if let roleProfile = user.roleProfileID, !roleProfile.isEmpty {
                w.beginObject()
                w.key("who")
                w.beginObject()
                w.field("type", "PractitionerRole")
                w.key("identifier")
                w.identifier(FHIRSystem.sdsRoleProfileID, roleProfile)
                w.endObject()
                w.field("requestor", false)
                w.endObject()
            }
        }
        let organisationIsRequestor = writeOrganisation(record, requestor: user == nil, into: &w)
        if let home = FHIRText.uri(user?.homeCommunityID) {
            // BALP SAMLaccessToken agent[homeCommunityId]; an Organization for PARS's closed agent slicing.
            w.beginObject()
            w.key("type")
            w.concept(FHIRSystem.xcaHomeCommunity, "homeCommunityId")
            w.key("who")
            w.beginObject()
            w.field("type", "Organization")
            w.key("identifier")
            w.identifier(FHIRSystem.uri, home)
            w.endObject()
            w.field("requestor", false)
            w.endObject()
        }
        return PartyAgents(json: w.finish(), organisationIsRequestor: organisationIsRequestor)
    }

    /// DICOM participant role IDs.
    enum NetworkRole {
        /// 110153 Source Role ID.
        case source
        /// 110152 Destination Role ID.
        case destination
    }

    // MARK: Private

    /// `agent[user]` (audit.md §6, §8.2): type IRCP, the XUA role, `who` Practitioner identified by the NameID (an
    /// SDS user id when the issuer is the NHS identity provider, else in the issuer's namespace, BALP), display the
    /// subject-id, `name` `<NameID@Issuer>` (ITI TF-2 3.40.4.2), `policy` the assertion ID, the purpose of use.
    private func writeUser(_ user: XUAIdentity, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        w.concept(FHIRSystem.participationType, "IRCP", "information recipient")
        if !user.roles.isEmpty {
            w.key("role")
            writeConcepts(user.roles, into: &w)
        }
        w.key("who")
        w.beginObject()
        w.field("type", "Practitioner")
        w.key("identifier")
        w.beginObject()
        if let issuer = user.issuer, settings.sdsUserIssuers.contains(issuer) {
            w.field("system", FHIRSystem.sdsUserID)
        } else {
            w.field("system", ifPresent: FHIRText.uri(user.issuer))
        }
        w.field("value", user.nameID)
        w.endObject()
        w.field("display", ifPresent: user.subjectName)
        w.endObject()
        if let issuer = user.issuer {
            w.field("name", "<" + user.nameID + "@" + issuer + ">")
        }
        w.field("requestor", true)
        if let policy = FHIRText.uri(user.assertionID) {
            w.key("policy")
            w.beginArray()
            w.string(policy)
            w.endArray()
        }
        if !user.purposesOfUse.isEmpty {
            w.key("purposeOfUse")
            writeConcepts(user.purposesOfUse, into: &w)
        }
        w.endObject()
    }

    /// `agent[organisation]`: the XUA organisation (ODS code when it is one), else the caller certificate's
    /// organisation. Returns whether it was written as the requestor.
    private func writeOrganisation(_ record: AuditRecord, requestor: Bool, into w: inout JSONWriter) -> Bool {
        let user = record.user
        let name: String?
        let id = user?.organizationID.flatMap { $0.isEmpty ? nil : $0 }
        if user?.organization != nil || id != nil {
            name = user?.organization
        } else {
            name = record.caller.organisation
        }
        guard id != nil || !(name ?? "").isEmpty else { return false }
        w.beginObject()
        w.key("type")
        w.concept(FHIRSystem.roleClass, "PROV", "healthcare provider")
        w.key("who")
        w.beginObject()
        w.field("type", "Organization")
        if let ods = user?.odsCode {
            w.key("identifier")
            w.identifier(FHIRSystem.odsOrganizationCode, ods)
        } else if let id {
            w.key("identifier")
            w.beginObject()
            w.field("value", id)
            w.endObject()
        }
        w.field("display", ifPresent: name)
        w.endObject()
        w.field("requestor", requestor)
        w.endObject()
        return requestor
    }

    /// The gateway's own agent: its ASID, `altId` the process id, network its endpoint URL (type 5 URI).
    private func writeGateway(role: NetworkRole, network: String, requestor: Bool, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        writeRole(role, into: &w)
        w.key("who")
        w.beginObject()
        w.field("type", "Endpoint")
        w.key("identifier")
        w.identifier(FHIRSystem.accreditedSystem, settings.asid)
        w.field("display", ifPresent: settings.productName)
        w.endObject()
        w.field("altId", ifPresent: settings.processID)
        w.field("requestor", requestor)
        writeNetwork(network, type: "5", into: &w)
        w.endObject()
    }

    /// The calling system: its ASID when known, else its certificate serial number; display its certificate's CN;
    /// network its IP address (type 2) or host name (type 1).
    private func writeCaller(_ caller: AuditCaller, role: NetworkRole, requestor: Bool, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        writeRole(role, into: &w)
        w.key("who")
        w.beginObject()
        w.field("type", "Endpoint")
        if let asid = caller.asid, !asid.isEmpty {
            w.key("identifier")
            w.identifier(FHIRSystem.accreditedSystem, asid)
        } else if let serial = caller.serialNumber, !serial.isEmpty {
            w.key("identifier")
            w.beginObject()
            w.key("type")
            w.beginObject()
            w.field("text", "X.509 certificate serial number")
            w.endObject()
            w.field("value", serial)
            w.endObject()
        }
        w.field("display", ifPresent: caller.commonName)
        w.endObject()
        w.field("requestor", requestor)
        if caller.remoteAddress.isEmpty {
            writeNetwork("unknown", type: "1", into: &w)
        } else {
            writeNetwork(caller.remoteAddress, type: caller.networkType, into: &w)
        }
        w.endObject()
    }

    /// A community's Responding Gateway: identified by its homeCommunityId, network its SOAP endpoint (type 5).
    private func writeCommunity(_ community: AuditCommunity?, role: NetworkRole, into w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        writeRole(role, into: &w)
        w.key("who")
        w.beginObject()
        w.field("type", "Endpoint")
        if let home = community?.homeCommunityID.rawValue, !home.isEmpty {
            w.key("identifier")
            w.identifier(FHIRSystem.uri, home)
        }
        w.field("display", ifPresent: community?.name)
        w.endObject()
        w.field("requestor", false)
        let endpoint = community?.endpoint ?? ""
        writeNetwork(endpoint.isEmpty ? "unknown" : endpoint, type: endpoint.isEmpty ? "1" : "5", into: &w)
        w.endObject()
    }

    private func writeRole(_ role: NetworkRole, into w: inout JSONWriter) {
        switch role {
        case .source: w.concept(FHIRSystem.dicom, "110153", "Source Role ID")
        case .destination: w.concept(FHIRSystem.dicom, "110152", "Destination Role ID")
        }
    }

    private func writeNetwork(_ address: String, type: StaticString, into w: inout JSONWriter) {
        w.key("network")
        w.beginObject()
        w.field("address", address)
        w.field("type", type)
        w.endObject()
    }
}
