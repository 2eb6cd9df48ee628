import XCAModel

/// Turns a `FixtureBlueprint` into a `FixtureFederation`: per study the synthetic DICOM instances (both
/// renditions), the KOS manifest, the report(s), their DocumentEntries with real metadata (hash and size of the
/// bytes, repositoryUniqueId, codes), a SubmissionSet with HasMember associations, and for a superseded report a
/// second SubmissionSet with an RPLC association. Deterministic: UIDs and entryUUIDs are derived from the study
/// keys, every time is fixed, so the same blueprint always gives the same bytes.
public struct FixtureGenerator: Sendable {
    public var blueprint: FixtureBlueprint

    public init(blueprint: FixtureBlueprint = .standard) {
        self.blueprint = blueprint
    }

    /// Everything a generated community accumulates.
    struct CommunityContent {
        var registryObjects: [RegistryObject] = []
        var documents: [FixtureDocument] = []
        var instances: [FixtureInstance] = []
    }

    public func federation() throws(FixtureError) -> FixtureFederation {
        var contents: [String: CommunityContent] = [:]
        for study in blueprint.studies {
            guard let community = blueprint.community(named: study.community) else {
                throw FixtureError(.invalidFixtures, "study \(study.key) names an unknown community")
            }
            try generate(study, in: community, into: &contents[community.name, default: CommunityContent()])
        }
        let communities = blueprint.communities.map { community in
            let content = contents[community.name] ?? CommunityContent()
            return FixtureCommunity(
                name: community.name,
                displayName: community.displayName,
                homeCommunityID: community.homeCommunityID,
                repositories: community.repositories.map(\.uniqueID),
                imagingDocumentSources: community.imagingDocumentSources.map {
                    FixtureImagingDocumentSource(name: $0.name, repositoryUniqueID: $0.uniqueID)
                },
                registryObjects: content.registryObjects,
                documents: content.documents,
                instances: content.instances.sorted(by: FixtureInstance.canonicalOrder)
            )
        }
        let patients = blueprint.patients.map { patient in
            FixturePatient(
                nhsNumber: patient.nhsNumber,
                displayName: patient.displayName,
                communities: blueprint.communities(of: patient)
            )
        }
        return FixtureFederation(communities: communities, patients: patients)
    }

    func generate(
        _ study: StudyBlueprint,
        in community: CommunityBlueprint,
        into content: inout CommunityContent
    ) throws(FixtureError) {
        func require<T>(_ value: T?, _ what: String) throws(FixtureError) -> T {
            guard let value else { throw FixtureError(.invalidFixtures, "study \(study.key) names an unknown \(what)") }
            return value
        }
        let patient = try require(blueprint.patient(study.patient), "patient")
        let institution = try require(blueprint.institution(study.performingInstitution), "institution")
        let source = try require(
            community.imagingDocumentSource(named: study.imagingDocumentSource),
            "Imaging Document Source"
        )
        let manifestRepository = try require(community.repository(named: study.repository), "repository")
        let reportRepository = try require(community.repository(named: study.reportRepository), "repository")
        let context = DICOMStudyContext(
            patientName: patient.personName,
            nhsNumber: patient.nhsNumber,
            patientBirthDate: patient.birthDate,
            patientSex: patient.sex,
            studyInstanceUID: StudyInstanceUID(rawValue: FixtureUID.oid("study", study.key)),
            studyDate: study.date,
            studyTime: study.time + "00",
            accessionNumber: study.accessionNumber,
            studyDescription: study.description,
            referringPhysician: study.referringPhysician,
            studyID: "1",
            institutionName: institution.name
        )

        // DICOM instances, and the manifest's evidence for them.
        var evidence: [KeyObjectSelection.EvidenceSeries] = []
        for (seriesIndex, series) in study.series.enumerated() {
            let modality = series.modality ?? study.modality
            let sopClass = try require(DICOMSOPClass(imageModality: modality), "modality")
            let seriesUID = SeriesInstanceUID(rawValue: FixtureUID.oid("series", study.key, String(seriesIndex + 1)))
            var references: [(sopClassUID: String, sopInstanceUID: SOPInstanceUID)] = []
            for number in 1...max(1, series.instanceCount) {
                let sopUID = SOPInstanceUID(
                    rawValue: FixtureUID.oid("instance", study.key, String(seriesIndex + 1), String(number))
                )
                let image = SyntheticImage(
                    study: context,
                    sopClass: sopClass,
                    seriesInstanceUID: seriesUID,
                    seriesNumber: seriesIndex + 1,
                    seriesDescription: series.description,
                    bodyPart: study.bodyPart.dicom,
                    laterality: series.laterality,
                    viewPosition: series.viewPosition,
                    sopInstanceUID: sopUID,
                    instanceNumber: number,
                    frameOfReferenceUID: FixtureUID.oid("frame of reference", study.key, String(seriesIndex + 1)),
                    anatomicRegion: study.bodyPart.code
                )
                let dataSet = image.dataSet()
                content.instances.append(
                    FixtureInstance(
                        studyInstanceUID: context.studyInstanceUID,
                        seriesInstanceUID: seriesUID,
                        sopInstanceUID: sopUID,
                        sopClassUID: sopClass.rawValue,
                        repositoryUniqueID: source.uniqueID,
                        renditions: Dictionary(
                            uniqueKeysWithValues: DICOMEncoding.allCases.map {
                                ($0.transferSyntax, FixtureContent.bytes(DICOMWriter.part10(dataSet, encoding: $0)))
                            }
                        )
                    )
                )
                references.append((sopClass.rawValue, sopUID))
            }
            evidence.append(
                KeyObjectSelection.EvidenceSeries(
                    seriesInstanceUID: seriesUID,
                    retrieveLocationUID: source.uniqueID,
                    instances: references
                )
            )
        }

        // The KOS manifest: created when acquisition ends.
        let manifestTime = FixtureTime.adding(minutes: 20, to: study.time)
        let manifest = KeyObjectSelection(
            study: context,
            seriesInstanceUID: SeriesInstanceUID(rawValue: FixtureUID.oid("series", study.key, "manifest")),
            sopInstanceUID: SOPInstanceUID(rawValue: FixtureUID.oid("instance", study.key, "manifest")),
            contentDate: study.date,
            contentTime: manifestTime + "00",
            requestedProcedureID: study.accessionNumber,
            evidence: evidence
        )
        let manifestBytes = DICOMWriter.part10(manifest.dataSet(), encoding: .explicitVRLittleEndian)

        let common = EntryCommon(
            study: study,
            patient: patient,
            community: community,
            institution: institution,
            studyInstanceUID: context.studyInstanceUID,
            localPatientID: localPatientID(patient, in: community)
        )
        let manifestEntry = common.entry(
            part: "manifest",
            uniqueID: DocumentUniqueID(rawValue: manifest.sopInstanceUID.rawValue),
            mimeType: "application/dicom",
            title: study.description,
            classCode: FixtureCodes.manifestClass,
            typeCode: FixtureCodes.diagnosticImagingStudy,
            formatCode: FixtureCodes.keyObjectSelection,
            creationTime: study.date + manifestTime + "00",
            author: nil,
            bytes: manifestBytes,
            repository: manifestRepository.uniqueID
        )

        func reportEntry(
            _ report: ReportBlueprint,
            part: String,
            status: String,
            title: String
        ) -> (DocumentEntry, [UInt8]) {
            let bytes = FixtureReportText.render(
                report: report,
                status: status,
                study: study,
                patient: patient,
                institution: institution
            )
            let entry = common.entry(
                part: part,
                uniqueID: DocumentUniqueID(rawValue: FixtureUID.oid("document", study.key, part)),
                mimeType: "text/plain",
                title: title,
                classCode: FixtureCodes.reportClass,
                typeCode: FixtureCodes.radiologyReport,
                formatCode: FixtureCodes.mimeTypeSufficient,
                creationTime: study.date + report.time + "00",
                author: report.author,
                bytes: bytes,
                repository: reportRepository.uniqueID
            )
            return (entry, bytes)
        }

        let home = community.homeCommunityID
        let firstReport = study.preliminaryReport.map {
            reportEntry(
                $0,
                part: "preliminary report",
                status: "PRELIMINARY",
                title: study.description + " preliminary report"
            )
        }
        let finalReport = reportEntry(
            study.report,
            part: "report",
            status: "FINAL",
            title: study.description + " report"
        )

        // First submission: the manifest and the first report (the preliminary one when there is one).
        var submitted = [(manifestEntry, manifestBytes)]
        if var preliminary = firstReport {
            preliminary.0.status = .deprecated
            submitted.append(preliminary)
        } else {
            submitted.append(finalReport)
        }
        submit(
            submitted,
            number: 1,
            time: submitted.last?.0.creationTime ?? "",
            common: common,
            home: home,
            into: &content
        )

        // The final report replacing the preliminary one: its own submission, RPLC → the preliminary entry.
        if let preliminary = firstReport {
            submit(
                [finalReport],
                number: 2,
                time: finalReport.0.creationTime ?? "",
                common: common,
                home: home,
                into: &content
            )
            content.registryObjects.append(
                FixtureRegistry.association(
                    id: FixtureUID.entryUUID("association", study.key, "RPLC"),
                    type: FixtureRegistry.replace,
                    source: finalReport.0.entryUUID,
                    target: preliminary.0.entryUUID,
                    home: home
                )
            )
        }
    }

    /// A SubmissionSet with its entries and HasMember associations, and the documents behind the entries.
    func submit(
        _ entries: [(DocumentEntry, [UInt8])],
        number: Int,
        time: String,
        common: EntryCommon,
        home: HomeCommunityID,
        into content: inout CommunityContent
    ) {
        let key = common.study.key
        let submissionSetID = FixtureUID.entryUUID("submission set", key, String(number))
        content.registryObjects.append(
            FixtureRegistry.submissionSet(
                id: submissionSetID,
                uniqueID: FixtureUID.oid("submission set", key, String(number)),
                sourceID: common.institution.oid.rawValue,
                patientID: common.patient.nhsNumber.patientID,
                submissionTime: time,
                title: common.study.description,
                authorInstitution: common.institution.xon,
                contentType: FixtureCodes.imagingContent,
                home: home
            )
        )
        for (entry, bytes) in entries {
            content.registryObjects.append(
                FixtureRegistry.extrinsicObject(entry, sourcePatientInfo: common.sourcePatientInfo)
            )
            content.documents.append(
                FixtureDocument(
                    uniqueID: entry.uniqueID,
                    repositoryUniqueID: entry.repositoryUniqueID ?? RepositoryUniqueID(rawValue: ""),
                    mimeType: entry.mimeType,
                    content: .bytes(bytes)
                )
            )
        }
        for (entry, _) in entries {
            content.registryObjects.append(
                FixtureRegistry.association(
                    id: FixtureUID.entryUUID("association", key, "HasMember", entry.entryUUID.rawValue),
                    type: FixtureRegistry.hasMember,
                    source: submissionSetID,
                    target: entry.entryUUID,
                    home: home
                )
            )
        }
    }

    /// The patient's identifier in the community's own patient identity domain (`sourcePatientId`).
    func localPatientID(_ patient: PatientBlueprint, in community: CommunityBlueprint) -> PatientID {
        let index = (blueprint.patients.firstIndex { $0.key == patient.key } ?? 0) + 1
        let number = String(400_000 + index * 1_379)
        return PatientID(
            idNumber: community.localPatientIDPrefix + number,
            assigningAuthority: community.localPatientIDAuthority
        )
    }
}

extension NHSNumber {
    /// `NHSNUMBER^^^&2.16.840.1.113883.2.1.4.1&ISO`.
    var patientID: PatientID { PatientID(nhsNumber: self) }
}
