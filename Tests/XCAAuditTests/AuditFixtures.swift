import Foundation
import XCAAudit
import XCABinding
import XCAModel
import XCASOAP

/// Requests, users and settings the audit tests share. NHS numbers pass Modulus 11; identifiers are test OIDs.
enum AuditFixtures {
    static let gatewayASID = "200000000999"
    static let nhsIssuer = "https://cis2.example.nhs.uk"
    /// Valid NHS numbers (Modulus 11).
    static let patient = "9990000018"
    static let otherPatient = "9449305552"
    static let homeA = HomeCommunityID(rawValue: "urn:oid:1.2.3.4.5.200")
    static let homeB = HomeCommunityID(rawValue: "urn:oid:1.2.3.4.5.300")
    static let repositoryA = RepositoryUniqueID(rawValue: "1.2.3.4.5.200.1")
    static let repositoryB = RepositoryUniqueID(rawValue: "1.2.3.4.5.300.1")
    static let messageID = "urn:uuid:DEF119AD-DC13-49C1-A3C7-E3742531F9B3"
    static let transactionID = "def119ad-dc13-49c1-a3c7-e3742531f9b3"
    static let received = Date(timeIntervalSince1970: 1_741_083_330.123)

    static func settings(format: AuditFormat = .pars, queryAction: AuditQueryAction = .read) -> AuditSettings {
        AuditSettings(
            asid: gatewayASID,
            baseURL: "https://gw.example.nhs.uk/",
            productName: "Imaging XCA gateway",
            format: format,
            queryAction: queryAction,
            processID: "4711",
            sdsUserIssuers: [nhsIssuer]
        )
    }

    static let caller = AuditCaller(
        subject: "CN=pacs.rx1.example.nhs.uk,O=Example Requesting Trust\\, RX1,C=GB",
        serialNumber: "01:0a:ff",
        remoteAddress: "10.20.30.40"
    )

    // MARK: XUA

    /// A `wsse:Security` header with a SAML 2.0 assertion: role as a CE element, purpose of use as escaped XML text
    /// (as some issuers write it), an NHS role profile id, a signature that is not verified.
    static func securityHeader(
        nameID: String = "555021935107",
        issuer: String = nhsIssuer,
        subjectName: String = "Dr Jane \"JJ\" Example",
        organizationID: String = "RX1"
    ) -> String {
        """
        <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">\
        <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_7a2c1e4f-0b6d-4f3a-8e2c-1d9b0a7c6e55" Version="2.0" IssueInstant="2025-03-04T10:15:00Z">\
        <saml:Issuer>\(issuer)</saml:Issuer>\
        <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>\
        <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">\(nameID)</saml:NameID></saml:Subject>\
        <saml:AttributeStatement>\
        <saml:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:subject-id"><saml:AttributeValue>\(xmlEscaped(subjectName))</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:organization"><saml:AttributeValue>Example Requesting Trust</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:organization-id"><saml:AttributeValue>\(organizationID)</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:oasis:names:tc:xacml:2.0:subject:role"><saml:AttributeValue><hl7:Role xmlns:hl7="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="hl7:CE" code="R8000" codeSystem="2.16.840.1.113883.2.1.3.2.4.18.23" displayName="Clinical Practitioner Access Role"/></saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:oasis:names:tc:xspa:1.0:subject:purposeofuse"><saml:AttributeValue>&lt;PurposeOfUse xmlns="urn:hl7-org:v3" type="CE" code="TREAT" codeSystem="2.16.840.1.113883.5.8" displayName="treatment"/&gt;</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:ihe:iti:xca:2010:homeCommunityId"><saml:AttributeValue>urn:oid:1.2.3.4.5.100</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="urn:oasis:names:tc:xacml:2.0:resource:resource-id"><saml:AttributeValue>\(patient)^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="selected_roleid"><saml:AttributeValue>555021936108</saml:AttributeValue></saml:Attribute>\
        </saml:AttributeStatement>\
        </saml:Assertion>\
        </wsse:Security>
        """
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }

    // MARK: Requests

    /// An ITI-38 envelope whose body element relies on prefixes declared on the Envelope (so that the cut-out
    /// element must get them added). `security` nil: no WS-Security header.
    static func queryEnvelope(
        patientID: String? = "\(patient)^^^&2.16.840.1.113883.2.1.4.1&ISO",
        queryID: String = StoredQuery.findDocuments.rawValue,
        home: HomeCommunityID? = nil,
        extraSlots: String = "",
        security: String? = securityHeader()
    ) -> [UInt8] {
        let patientSlot = patientID.map {
            "<rim:Slot name=\"$XDSDocumentEntryPatientId\"><rim:ValueList><rim:Value>'\(xmlEscaped($0))'</rim:Value></rim:ValueList></rim:Slot>"
        } ?? ""
        let homeAttribute = home.map { " home=\"\($0.rawValue)\"" } ?? ""
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing" \
            xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
            <env:Header>
            <wsa:Action env:mustUnderstand="true">urn:ihe:iti:2007:CrossGatewayQuery</wsa:Action>
            <wsa:MessageID>\(messageID)</wsa:MessageID>
            <wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>
            \(security ?? "")
            </env:Header>
            <env:Body>
            <query:AdhocQueryRequest><query:ResponseOption returnType="LeafClass" returnComposedObjects="true"/>\
            <rim:AdhocQuery id="\(queryID)"\(homeAttribute)>\(patientSlot)\
            <rim:Slot name="$XDSDocumentEntryStatus"><rim:ValueList><rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value></rim:ValueList></rim:Slot>\(extraSlots)\
            </rim:AdhocQuery></query:AdhocQueryRequest>
            </env:Body>
            </env:Envelope>
            """
        return Array(text.utf8)
    }

    static let documents = [
        DocumentRequest(homeCommunityID: homeA, repositoryUniqueID: repositoryA, documentUniqueID: DocumentUniqueID("1.2.826.0.1.3680043.10.543.2")),
        DocumentRequest(homeCommunityID: homeA, repositoryUniqueID: repositoryA, documentUniqueID: DocumentUniqueID("1.2.826.0.1.3680043.10.543.3")),
        DocumentRequest(homeCommunityID: homeB, repositoryUniqueID: repositoryB, documentUniqueID: DocumentUniqueID("1.2.826.0.1.3680043.10.543.4")),
    ]

    static func retrieveEnvelope(documents: [DocumentRequest] = documents, security: String? = securityHeader()) throws -> [UInt8] {
        try RetrieveDocumentSetRequest(documents: documents).encode(
            addressing: .request(action: Transaction.iti39.requestAction, messageID: messageID),
            extraHeaders: security.map { [Array($0.utf8)] } ?? []
        )
    }

    static let studyA = StudyInstanceUID("1.2.826.0.1.3680043.10.543.1")
    static let studyB = StudyInstanceUID("1.2.826.0.1.3680043.10.543.9")

    static func sop(_ suffix: Int, home: HomeCommunityID = homeA, repository: RepositoryUniqueID = repositoryA) -> DocumentRequest {
        DocumentRequest(
            homeCommunityID: home,
            repositoryUniqueID: repository,
            documentUniqueID: DocumentUniqueID("1.2.826.0.1.3680043.10.543.1.1.\(suffix)")
        )
    }

    static let imagingRequest = RetrieveImagingDocumentSetRequest(
        studies: [
            StudyRequest(
                studyInstanceUID: studyA,
                series: [
                    SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.826.0.1.3680043.10.543.1.1"), documents: [sop(1), sop(2)]),
                    SeriesRequest(seriesInstanceUID: SeriesInstanceUID("1.2.826.0.1.3680043.10.543.1.2"), documents: [sop(3)]),
                ]
            ),
            StudyRequest(
                studyInstanceUID: studyB,
                series: [
                    SeriesRequest(
                        seriesInstanceUID: SeriesInstanceUID("1.2.826.0.1.3680043.10.543.9.1"),
                        documents: [sop(91, home: homeB, repository: repositoryB)]
                    )
                ]
            ),
        ],
        transferSyntaxUIDs: [TransferSyntaxUID("1.2.840.10008.1.2.1")]
    )

    static func imagingEnvelope(_ transaction: Transaction = .rad75, security: String? = securityHeader()) throws -> [UInt8] {
        try imagingRequest.encode(
            addressing: .request(action: transaction.requestAction, messageID: messageID),
            extraHeaders: security.map { [Array($0.utf8)] } ?? []
        )
    }

    static func decode(_ envelope: [UInt8], at endpoint: GatewayEndpoint) throws -> DecodedRequest {
        try RequestDecoder().decode(envelope, at: endpoint)
    }

    static let communityA = AuditCommunity(homeCommunityID: homeA, endpoint: "https://rg-a.example.nhs.uk/xca", name: "Community A")
    static let communityB = AuditCommunity(homeCommunityID: homeB, endpoint: "https://rg-b.example.nhs.uk/xca", name: "Community B")
}
