import Testing
import XCAAudit
import XCAModel

@Suite("Patient index for retrieves")
struct AuditPatientIndexTests {
    private let patient = NHSNumber(AuditFixtures.patient)

    @Test("documents resolve by uniqueId, narrowed by repository and community when both sides know them")
    func documents() {
        let index = AuditPatientIndex()
        let document = DocumentUniqueID("1.2.3.4.1")
        index.record(patient, document: document, repository: AuditFixtures.repositoryA, home: AuditFixtures.homeA)
        #expect(index.patient(document: document, repository: AuditFixtures.repositoryA, home: AuditFixtures.homeA) == patient)
        #expect(index.patient(document: document, repository: nil, home: nil) == patient)
        #expect(index.patient(document: document, repository: nil, home: HomeCommunityID("URN:OID:1.2.3.4.5.200")) == patient)
        #expect(index.patient(document: document, repository: AuditFixtures.repositoryB, home: nil) == nil)
        #expect(index.patient(document: document, repository: nil, home: AuditFixtures.homeB) == nil)
        #expect(index.patient(document: DocumentUniqueID("1.2.3.4.2"), repository: nil, home: nil) == nil)
        #expect(index.patient(study: StudyInstanceUID("1.2.3.4.1")) == nil, "documents and studies are separate keys")
    }

    @Test("invalid NHS numbers are never kept")
    func invalidNumbers() {
        let index = AuditPatientIndex()
        index.record(NHSNumber("9999999991"), study: AuditFixtures.studyA)
        index.record(NHSNumber("123"), document: DocumentUniqueID("1.2.3"), repository: nil, home: nil)
        #expect(index.count == 0)
    }

    @Test("the least recently used entry goes when the index is full; a look-up counts as a use")
    func eviction() {
        let index = AuditPatientIndex(capacity: 3)
        let studies = (1...4).map { StudyInstanceUID("1.2.3.\($0)") }
        for study in studies[0..<3] { index.record(patient, study: study) }
        #expect(index.patient(study: studies[0]) == patient)  // 1 is now the most recent; 2 the least
        index.record(patient, study: studies[3])
        #expect(index.count == 3)
        #expect(index.patient(study: studies[1]) == nil)
        #expect(index.patient(study: studies[0]) == patient)
        #expect(index.patient(study: studies[2]) == patient)
        #expect(index.patient(study: studies[3]) == patient)
        // Re-recording updates in place.
        index.record(NHSNumber(AuditFixtures.otherPatient), study: studies[2])
        #expect(index.count == 3)
        #expect(index.patient(study: studies[2])?.rawValue == AuditFixtures.otherPatient)
    }

    @Test("fed from ITI-38 DocumentEntries: NHS-number patients, their documents and manifest studies")
    func fromDocumentEntries() {
        let index = AuditPatientIndex()
        let manifest = DocumentEntry(
            entryUUID: EntryUUID("urn:uuid:7a2c1e4f-0b6d-4f3a-8e2c-1d9b0a7c6e55"),
            uniqueID: DocumentUniqueID("1.2.3.4.9"),
            patientID: PatientID(nhsNumber: patient),
            mimeType: "application/dicom",
            home: AuditFixtures.homeA,
            repositoryUniqueID: AuditFixtures.repositoryA,
            referenceIdList: ["\(AuditFixtures.studyA.rawValue)^^^^urn:ihe:iti:xds:2016:studyInstanceUID", "ACC1^^^^urn:ihe:iti:xds:2013:accession"]
        )
        let foreign = DocumentEntry(
            entryUUID: EntryUUID("urn:uuid:7a2c1e4f-0b6d-4f3a-8e2c-1d9b0a7c6e56"),
            uniqueID: DocumentUniqueID("1.2.3.4.10"),
            patientID: PatientID(idNumber: "X1", assigningAuthority: OID("1.2.3")),
            mimeType: "text/plain"
        )
        index.record([manifest, foreign])
        #expect(index.count == 2)
        #expect(index.patient(document: DocumentUniqueID("1.2.3.4.9"), repository: AuditFixtures.repositoryA, home: AuditFixtures.homeA) == patient)
        #expect(index.patient(study: AuditFixtures.studyA) == patient)
        #expect(index.patient(document: DocumentUniqueID("1.2.3.4.10"), repository: nil, home: nil) == nil)
    }

    @Test("concurrent writers and readers see a consistent index")
    func concurrent() async {
        let index = AuditPatientIndex(capacity: 500)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    for item in 0..<400 {
                        let study = StudyInstanceUID("1.2.\(worker).\(item)")
                        index.record(patient, study: study)
                        _ = index.patient(study: study)
                    }
                }
            }
        }
        #expect(index.count == 500)
        #expect(index.patient(study: StudyInstanceUID("1.2.0.0")) == nil || index.count == 500)
    }
}
