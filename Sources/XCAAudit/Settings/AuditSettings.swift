/// What the audit records say about the gateway itself, and how they are serialised (audit.md §8.2).
public struct AuditSettings: Sendable, Hashable {
    /// The gateway's Spine ASID: `source.observer`, the gateway's own agent and the endpoint entity
    /// (`https://fhir.nhs.uk/Id/accredited-system`).
    public var asid: String
    /// The gateway's base URL (`https://gw.example.nhs.uk`): `source.site`; the gateway's endpoint URLs are this
    /// plus `/xca` or `/xcai` (the network address of its own agent, type 5 URI).
    public var baseURL: String
    /// The product name: `source.observer.display`, the gateway agent's display and the endpoint entity's
    /// `productIdentifier` detail.
    public var productName: String
    /// The serialisation of responder-role events (initiator-role events are always IHE/BALP).
    public var format: AuditFormat
    /// The ITI-38 action in the PARS serialisation.
    public var queryAction: AuditQueryAction
    /// The operating-system process id: `altId` of the gateway's own agent (ITI TF-2 3.18.5.1 AlternativeUserID).
    public var processID: String
    /// SAML Issuers whose `Subject/NameID` is an SDS user id (the NHS identity provider): the user agent is then
    /// identified with `https://fhir.nhs.uk/Id/sds-user-id`; other issuers' NameIDs are identified by the issuer
    /// (BALP `SAMLaccessToken`).
    public var sdsUserIssuers: Set<String>
    /// SAML attribute names that carry the selected NHS role profile id (URID); the first present wins. XUA has no
    /// such attribute: by default the NHS CIS2 claim name `selected_roleid` is looked for.
    public var roleProfileAttributes: [String]
    /// Extra code systems: OID (without `urn:oid:`) → FHIR system URI, for XUA role and purpose-of-use codes. The
    /// HL7 v3 ActReason, RoleCode, ParticipationType and SNOMED CT OIDs are known already; any other OID becomes
    /// `urn:oid:…`.
    public var codeSystems: [String: String]

    public init(
        asid: String,
        baseURL: String,
        productName: String = "XCA imaging gateway",
        format: AuditFormat = .pars,
        queryAction: AuditQueryAction = .read,
        processID: String,
        sdsUserIssuers: Set<String> = [],
        roleProfileAttributes: [String] = ["selected_roleid"],
        codeSystems: [String: String] = [:]
    ) {
        self.asid = asid
        self.baseURL = baseURL
        self.productName = productName
        self.format = format
        self.queryAction = queryAction
        self.processID = processID
        self.sdsUserIssuers = sdsUserIssuers
        self.roleProfileAttributes = roleProfileAttributes
        self.codeSystems = codeSystems
    }

    /// The URL of one of the gateway's endpoints (`/xca`, `/xcai`): the base URL without a trailing `/`, then
    /// `path`.
    public func endpointURL(path: String) -> String {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        return String(base) + path
    }
}
