import XCAModel

extension FixtureBlueprint {
    /// The federation shipped in `Fixtures/`: three regional imaging networks, thirteen synthetic patients (NHS
    /// numbers 999 000 001x…999 000 013x), twenty-two studies. Everything is invented: patients, clinicians,
    /// institutions, findings.
    ///
    /// Identifiers live under one synthetic arc, `2.25.<n>`, where `n` is the UUID derived (SHA-256, version 8) from
    /// the name "xca-gateway fixture federation" (ITU-T X.667). Below it: `.1`, `.2`, `.3` the communities (their
    /// homeCommunityIds), `.N.1…` their repositories and Imaging Document Sources, `.N.9` their local patient
    /// identifier domains, `.9.M` the institutions. DICOM UIDs and document uniqueIds are name-derived `2.25` UIDs.
    ///
    /// NHS number 999 000 014x is deliberately absent: its Modulus 11 check digit computes to 10, so no valid
    /// number starts with those nine digits.
    public static let standard: FixtureBlueprint = {
        let root = FixtureUID.oid("xca-gateway", "fixture federation")
        func oid(_ suffix: String) -> OID { OID(rawValue: root + "." + suffix) }
        func repository(_ name: String, _ suffix: String) -> CommunityBlueprint.NamedRepository {
            CommunityBlueprint.NamedRepository(name: name, uniqueID: RepositoryUniqueID(rawValue: root + "." + suffix))
        }
        let communities = [
            CommunityBlueprint(
                name: "north-imaging",
                displayName: "North Regional Imaging Network",
                homeCommunityID: HomeCommunityID(oid: oid("1")),
                repositories: [repository("north-documents", "1.1")],
                imagingDocumentSources: [
                    repository("north-pacs-northfell", "1.2"), repository("north-pacs-ashcombe", "1.3"),
                ],
                localPatientIDAuthority: oid("1.9"),
                localPatientIDPrefix: "NTH"
            ),
            CommunityBlueprint(
                name: "midlands-imaging",
                displayName: "Midlands Imaging Network",
                homeCommunityID: HomeCommunityID(oid: oid("2")),
                repositories: [repository("midlands-documents", "2.1")],
                imagingDocumentSources: [repository("midlands-pacs", "2.2")],
                localPatientIDAuthority: oid("2.9"),
                localPatientIDPrefix: "MID"
            ),
            CommunityBlueprint(
                name: "south-west-imaging",
                displayName: "South West Imaging Network",
                homeCommunityID: HomeCommunityID(oid: oid("3")),
                repositories: [repository("south-west-reports", "3.1"), repository("south-west-manifests", "3.2")],
                imagingDocumentSources: [repository("south-west-pacs", "3.3")],
                localPatientIDAuthority: oid("3.9"),
                localPatientIDPrefix: "SWX"
            ),
        ]
        let institutions = [
            InstitutionBlueprint(key: "northfell", name: "Northfell General Hospital", oid: oid("9.1")),
            InstitutionBlueprint(key: "ashcombe", name: "Ashcombe Royal Infirmary", oid: oid("9.2")),
            InstitutionBlueprint(key: "kestrel", name: "Kestrel Moor Community Diagnostic Centre", oid: oid("9.3")),
            InstitutionBlueprint(key: "kingsmere", name: "Kingsmere University Hospital", oid: oid("9.4")),
            InstitutionBlueprint(key: "brackenford", name: "Brackenford District Hospital", oid: oid("9.5")),
            InstitutionBlueprint(key: "saltmarsh", name: "Saltmarsh Bay General Hospital", oid: oid("9.6")),
            InstitutionBlueprint(key: "tamberley", name: "Tamberley Community Hospital", oid: oid("9.7")),
        ]
        func patient(
            _ key: String,
            _ digits: String,
            _ family: String,
            _ given: String,
            _ birth: String,
            _ sex: String
        ) -> PatientBlueprint {
            guard let number = PatientBlueprint.nhsNumber(prefix: digits) else {
                preconditionFailure("no valid NHS number for \(key)")
            }
            return PatientBlueprint(
                key: key,
                nhsNumber: number,
                familyName: family,
                givenName: given,
                birthDate: birth,
                sex: sex
            )
        }
        let patients = [
            patient("p01", "999000001", "TESTWELL", "Ada", "19480314", "F"),
            patient("p02", "999000002", "MOCKFORD", "Benedict", "19610702", "M"),
            patient("p03", "999000003", "SAMPLETON", "Chloe", "19721123", "F"),
            patient("p04", "999000004", "FAUXLEY", "Dev", "19850509", "M"),
            patient("p05", "999000005", "DUMMETT", "Eleanor", "19900130", "F"),
            patient("p06", "999000006", "PLACEBURY", "Farid", "19550917", "M"),
            patient("p07", "999000007", "EXAMPLE", "Grace", "19670404", "F"),
            patient("p08", "999000008", "SYNTHE", "Harvey", "20011212", "M"),
            patient("p09", "999000009", "PROXIMA", "Isla", "19940621", "F"),
            patient("p10", "999000010", "SIMULANT", "Jonah", "19790228", "M"),
            patient("p11", "999000011", "FIGMENT", "Keira", "19581005", "F"),
            patient("p12", "999000012", "NOTREAL", "Luca", "19390819", "M"),
            patient("p13", "999000013", "TEMPLETON", "Maya", "20100303", "F"),
        ]
        return FixtureBlueprint(
            root: OID(rawValue: root),
            communities: communities,
            institutions: institutions,
            patients: patients,
            studies: standardStudies
        )
    }()
}
