import XCAModel

extension FixtureGenerator {
    /// What the DocumentEntries of one study share: patient, community, institution, codes, study references.
    struct EntryCommon {
        var study: StudyBlueprint
        var patient: PatientBlueprint
        var community: CommunityBlueprint
        var institution: InstitutionBlueprint
        var studyInstanceUID: StudyInstanceUID
        var localPatientID: PatientID

        /// `sourcePatientInfo` (ITI TF-3 4.2.3.2.24 (≈)): PID-3 (local identifier), PID-5, PID-7, PID-8.
        var sourcePatientInfo: [String] {
            [
                "PID-3|\(localPatientID.rawValue)", "PID-5|\(patient.personName)", "PID-7|\(patient.birthDate)",
                "PID-8|\(patient.sex)",
            ]
        }

        /// `referenceIdList` (ITI TF-3 4.2.3.2.28 (≈)): the Study Instance UID and the accession number, as XDS-I.b
        /// DocumentEntries carry them (CXi types `urn:ihe:iti:xds:2016:studyInstanceUID`, `urn:ihe:iti:xds:2013:accession`).
        var referenceIDs: [String] {
            [
                "\(studyInstanceUID.rawValue)^^^^urn:ihe:iti:xds:2016:studyInstanceUID",
                "\(study.accessionNumber)^^^&\(institution.oid.rawValue)&ISO^urn:ihe:iti:xds:2013:accession",
            ]
        }

        func entry(
            part: String,
            uniqueID: DocumentUniqueID,
            mimeType: String,
            title: String,
            classCode: CodedValue,
            typeCode: CodedValue,
            formatCode: CodedValue,
            creationTime: String,
            author: String?,
            bytes: [UInt8],
            repository: RepositoryUniqueID
        ) -> DocumentEntry {
            let start = study.date + study.time + "00"
            let stop = study.date + FixtureTime.adding(minutes: 20, to: study.time) + "00"
            return DocumentEntry(
                entryUUID: FixtureUID.entryUUID("document entry", study.key, part),
                uniqueID: uniqueID,
                patientID: patient.nhsNumber.patientID,
                mimeType: mimeType,
                sourcePatientID: localPatientID,
                home: community.homeCommunityID,
                status: .approved,
                entryType: .stable,
                title: title,
                classCode: classCode,
                typeCode: typeCode,
                practiceSettingCode: study.practiceSetting,
                formatCode: formatCode,
                healthcareFacilityTypeCode: study.facilityType,
                confidentialityCodes: [study.confidentiality],
                eventCodes: [FixtureCodes.modality(study.modality), study.bodyPart.code],
                creationTime: creationTime,
                serviceStartTime: start,
                serviceStopTime: stop,
                authorInstitution: [institution.xon],
                authorPerson: author,
                hash: FixtureUID.sha1Hex(bytes),
                size: bytes.count,
                repositoryUniqueID: repository,
                languageCode: "en-GB",
                referenceIdList: referenceIDs
            )
        }
    }
}
