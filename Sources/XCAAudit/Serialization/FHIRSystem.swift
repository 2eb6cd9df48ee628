/// The code systems and identifier systems the events use (audit.md §1, §4, §5).
enum FHIRSystem {
    static let dicom: StaticString = "http://dicom.nema.org/resources/ontology/DCM"
    static let iheEventType: StaticString = "urn:ihe:event-type-code"
    static let participationType: StaticString = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
    static let roleClass: StaticString = "http://terminology.hl7.org/CodeSystem/v3-RoleClass"
    static let securitySourceType: StaticString = "http://terminology.hl7.org/CodeSystem/security-source-type"
    static let auditEntityType: StaticString = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
    static let objectRole: StaticString = "http://terminology.hl7.org/CodeSystem/object-role"
    static let resourceTypes: StaticString = "http://hl7.org/fhir/resource-types"
    static let balpEntityType: StaticString = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType"
    static let xcaHomeCommunity: StaticString = "urn:ihe:iti:xca:2010"
    static let numberOfInstances: StaticString = "http://hl7.org/fhir/StructureDefinition/auditevent-NumberOfInstances"
    static let dicomUID: StaticString = "urn:dicom:uid"
    static let uri: StaticString = "urn:ietf:rfc:3986"

    static let accreditedSystem: StaticString = "https://fhir.nhs.uk/Id/accredited-system"
    static let sdsUserID: StaticString = "https://fhir.nhs.uk/Id/sds-user-id"
    static let sdsRoleProfileID: StaticString = "https://fhir.nhs.uk/Id/sds-role-profile-id"
    static let odsOrganizationCode: StaticString = "https://fhir.nhs.uk/Id/ods-organization-code"
    static let transaction: StaticString = "https://fhir.nhs.uk/Id/transaction"

    static let parsProfile: StaticString = "https://fhir.nhs.uk/England/StructureDefinition/England-AuditEvent-PARS"
}
