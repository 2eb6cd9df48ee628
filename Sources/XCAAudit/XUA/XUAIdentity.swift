/// The end user a request was made for, as the XUA SAML 2.0 assertion in its `wsse:Security` header names them
/// (IHE ITI-40, ITI TF-2 3.40.4.1; audit.md §6): the user agent of every event of the request.
///
/// The assertion's signature is **not** verified here: the calling system is authenticated by mutual TLS, and it
/// vouches for the user it names; the audit trail records what it said. A gateway that must enforce XUA (X-Service
/// Provider) validates the assertion before it accepts the request.
public struct XUAIdentity: Sendable, Hashable {
    /// `Assertion/@ID`: `agent[user].policy`.
    public var assertionID: String?
    /// `Issuer`.
    public var issuer: String?
    /// `Subject/NameID`: the user's identifier (an SDS user id when the issuer is the NHS identity provider).
    public var nameID: String
    /// `urn:oasis:names:tc:xspa:1.0:subject:subject-id`: the user's name in plain text ("not user ID").
    public var subjectName: String?
    /// `urn:oasis:names:tc:xspa:1.0:subject:organization`: the user's organisation's name.
    public var organization: String?
    /// `urn:oasis:names:tc:xspa:1.0:subject:organization-id`: an ODS code, a `urn:oid:` or a URL.
    public var organizationID: String?
    /// `urn:oasis:names:tc:xacml:2.0:subject:role`.
    public var roles: [XUACode]
    /// `urn:oasis:names:tc:xspa:1.0:subject:purposeofuse`.
    public var purposesOfUse: [XUACode]
    /// `urn:ihe:iti:xca:2010:homeCommunityId`: the community the user's request comes from.
    public var homeCommunityID: String?
    /// The selected NHS role profile id (URID), from one of ``AuditSettings/roleProfileAttributes``.
    public var roleProfileID: String?

    public init(
        assertionID: String? = nil,
        issuer: String? = nil,
        nameID: String,
        subjectName: String? = nil,
        organization: String? = nil,
        organizationID: String? = nil,
        roles: [XUACode] = [],
        purposesOfUse: [XUACode] = [],
        homeCommunityID: String? = nil,
        roleProfileID: String? = nil
    ) {
        self.assertionID = assertionID
        self.issuer = issuer
        self.nameID = nameID
        self.subjectName = subjectName
        self.organization = organization
        self.organizationID = organizationID
        self.roles = roles
        self.purposesOfUse = purposesOfUse
        self.homeCommunityID = homeCommunityID
        self.roleProfileID = roleProfileID
    }

    /// The organisation id when it is an ODS code (letters and digits, 3 to 12 of them), for the
    /// `https://fhir.nhs.uk/Id/ods-organization-code` system and the journal's organisation index.
    public var odsCode: String? {
        guard let id = organizationID, (3...12).contains(id.utf8.count),
            id.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) })
        else { return nil }
        return id
    }
}
