import XCAModel

extension FixtureFederation {
    /// The most instances one synthetic study may have.
    public static let maximumSyntheticInstances = 65_536

    /// A copy with one more CT study for benchmarks: `totalSize` bytes split into instances of about
    /// `instanceSize` bytes (512 rows-of-512-columns 16-bit images, rows chosen to fit), whose contents are
    /// generated lazily in chunks — constant memory whatever the size, deterministic bytes, a valid Part-10
    /// header in both renditions — plus its KOS manifest (in the community's first repository) and DocumentEntry
    /// with a SubmissionSet. The instances are held by the community's first Imaging Document Source.
    ///
    /// `community` defaults to the first community; `patient` to the first patient known there (else the first
    /// patient), who becomes known there if not yet.
    public func addingSyntheticStudy(
        totalSize: Int,
        instanceSize: Int = 512 * 1024,
        community communityName: String? = nil,
        patient nhsNumber: NHSNumber? = nil
    ) throws(FixtureError) -> FixtureFederation {
        guard totalSize > 0 else { throw FixtureError(.invalidSize, "a synthetic study needs a positive size") }
        guard instanceSize >= 4 * 1024 else {
            throw FixtureError(.invalidSize, "synthetic instances must be at least 4 KiB")
        }
        let count = (totalSize + instanceSize - 1) / instanceSize
        guard count <= Self.maximumSyntheticInstances else {
            throw FixtureError(
                .invalidSize,
                "a synthetic study of \(count) instances is too many (at most \(Self.maximumSyntheticInstances)); use larger instances"
            )
        }
        let communityIndex: Int
        if let communityName {
            guard let index = communities.firstIndex(where: { $0.name == communityName }) else {
                throw FixtureError(.unknownCommunity, "no community named \(communityName)")
            }
            communityIndex = index
        } else {
            guard !communities.isEmpty else {
                throw FixtureError(.invalidFixtures, "the federation has no communities")
            }
            communityIndex = 0
        }
        var community = communities[communityIndex]
        guard let source = community.imagingDocumentSources.first, let repository = community.repositories.first else {
            throw FixtureError(
                .invalidFixtures,
                "community \(community.name) has no Imaging Document Source or repository"
            )
        }
        let patientIndex: Int
        if let nhsNumber {
            guard let index = patients.firstIndex(where: { $0.nhsNumber == nhsNumber }) else {
                throw FixtureError(.invalidFixtures, "the synthetic study's patient is not a patient of the federation")
            }
            patientIndex = index
        } else if let index = patients.firstIndex(where: { $0.communities.contains(community.name) })
            ?? (patients.isEmpty ? nil : 0)
        {
            patientIndex = index
        } else {
            throw FixtureError(.invalidFixtures, "the federation has no patients")
        }
        let patient = patients[patientIndex]

        // The blueprint-shaped description the DocumentEntry and SubmissionSet builders need.
        let ordinal = community.registryObjects.count
        let key = "synthetic|\(community.name)|\(patient.nhsNumber.rawValue)|\(totalSize)|\(instanceSize)|\(ordinal)"
        let oid = community.homeCommunityID.oid?.rawValue ?? FixtureUID.oid("synthetic community", community.name)
        let names = patient.displayName.split(separator: " ")
        let patientBlueprint = PatientBlueprint(
            key: "synthetic",
            nhsNumber: patient.nhsNumber,
            familyName: names.last.map { String($0).uppercased() } ?? "SYNTHETIC",
            givenName: names.dropLast().joined(separator: " "),
            birthDate: "",
            sex: "O"
        )
        let institution = InstitutionBlueprint(
            key: "synthetic",
            name: "Synthetic Benchmark Imaging",
            oid: OID(rawValue: oid + ".99")
        )
        let communityBlueprint = CommunityBlueprint(
            name: community.name,
            displayName: community.displayName,
            homeCommunityID: community.homeCommunityID,
            repositories: [.init(name: "repository", uniqueID: repository)],
            imagingDocumentSources: [.init(name: source.name, uniqueID: source.repositoryUniqueID)],
            localPatientIDAuthority: OID(rawValue: oid + ".9"),
            localPatientIDPrefix: "SYN"
        )
        let description = "Synthetic CT study (\(FixtureByteCount.format(totalSize)), \(count) instances)"
        let study = StudyBlueprint(
            key: key,
            patient: "synthetic",
            community: community.name,
            imagingDocumentSource: source.name,
            repository: "repository",
            performingInstitution: "synthetic",
            referringPhysician: "BENCHMARK^Synthetic^^",
            date: "20250101",
            time: "1200",
            accessionNumber: "SYN\(ordinal)",
            description: description,
            modality: "CT",
            bodyPart: FixtureCodes.chestAbdomenPelvis,
            series: [],
            report: ReportBlueprint(author: "", time: "1200", indication: "", findings: "", conclusion: "")
        )
        let context = DICOMStudyContext(
            patientName: patientBlueprint.personName,
            nhsNumber: patient.nhsNumber,
            patientBirthDate: "",
            patientSex: "O",
            studyInstanceUID: StudyInstanceUID(rawValue: FixtureUID.oid("study", key)),
            studyDate: study.date,
            studyTime: study.time + "00",
            accessionNumber: study.accessionNumber,
            studyDescription: description,
            referringPhysician: study.referringPhysician,
            studyID: "1",
            institutionName: institution.name
        )

        // Instances: a header per rendition in memory, pixel data generated on demand.
        let columns = 512
        let seriesSize = 500
        var evidence: [KeyObjectSelection.EvidenceSeries] = []
        var pixelLength = 0
        for index in 0..<count {
            let seriesNumber = index / seriesSize + 1
            let seriesUID = SeriesInstanceUID(rawValue: FixtureUID.oid("series", key, String(seriesNumber)))
            if evidence.count < seriesNumber {
                evidence.append(
                    .init(seriesInstanceUID: seriesUID, retrieveLocationUID: source.repositoryUniqueID, instances: [])
                )
            }
            var image = SyntheticImage(
                study: context,
                sopClass: .ctImage,
                seriesInstanceUID: seriesUID,
                seriesNumber: seriesNumber,
                seriesDescription: "Synthetic axial",
                bodyPart: study.bodyPart.dicom,
                laterality: nil,
                viewPosition: nil,
                sopInstanceUID: SOPInstanceUID(rawValue: FixtureUID.oid("instance", key, String(index + 1))),
                instanceNumber: index % seriesSize + 1,
                frameOfReferenceUID: FixtureUID.oid("frame of reference", key, String(seriesNumber)),
                rows: 1,
                columns: columns
            )
            if index == 0 {
                let header = DICOMWriter.part10(
                    image.dataSet(withoutPixelData: true),
                    encoding: .explicitVRLittleEndian,
                    pixelDataLength: 0
                )
                let rows = min(0xFFFF, max(1, (instanceSize - header.count) / (columns * 2)))
                pixelLength = rows * columns * 2
            }
            image.rows = pixelLength / (columns * 2)
            let dataSet = image.dataSet(withoutPixelData: true)
            let stream = SyntheticPixelStream(columns: columns, seed: index)
            var renditions: [TransferSyntaxUID: FixtureContent] = [:]
            for encoding in DICOMEncoding.allCases {
                let header = DICOMWriter.part10(dataSet, encoding: encoding, pixelDataLength: pixelLength)
                renditions[encoding.transferSyntax] = .segments([
                    .bytes(.init(bytes: header)), .pixels(stream, length: pixelLength),
                ])
            }
            community.instances.append(
                FixtureInstance(
                    studyInstanceUID: context.studyInstanceUID,
                    seriesInstanceUID: seriesUID,
                    sopInstanceUID: image.sopInstanceUID,
                    sopClassUID: DICOMSOPClass.ctImage.rawValue,
                    repositoryUniqueID: source.repositoryUniqueID,
                    renditions: renditions
                )
            )
            evidence[seriesNumber - 1].instances.append((DICOMSOPClass.ctImage.rawValue, image.sopInstanceUID))
        }
        community.instances.sort(by: FixtureInstance.canonicalOrder)

        // The manifest and its registry entries.
        let manifest = KeyObjectSelection(
            study: context,
            seriesInstanceUID: SeriesInstanceUID(rawValue: FixtureUID.oid("series", key, "manifest")),
            sopInstanceUID: SOPInstanceUID(rawValue: FixtureUID.oid("instance", key, "manifest")),
            contentDate: study.date,
            contentTime: "123000",
            requestedProcedureID: study.accessionNumber,
            evidence: evidence
        )
        let manifestBytes = DICOMWriter.part10(manifest.dataSet(), encoding: .explicitVRLittleEndian)
        let generator = FixtureGenerator(
            blueprint: FixtureBlueprint(
                root: OID(rawValue: oid),
                communities: [communityBlueprint],
                institutions: [institution],
                patients: [patientBlueprint],
                studies: []
            )
        )
        let common = FixtureGenerator.EntryCommon(
            study: study,
            patient: patientBlueprint,
            community: communityBlueprint,
            institution: institution,
            studyInstanceUID: context.studyInstanceUID,
            localPatientID: generator.localPatientID(patientBlueprint, in: communityBlueprint)
        )
        let entry = common.entry(
            part: "manifest",
            uniqueID: DocumentUniqueID(rawValue: manifest.sopInstanceUID.rawValue),
            mimeType: "application/dicom",
            title: description,
            classCode: FixtureCodes.manifestClass,
            typeCode: FixtureCodes.diagnosticImagingStudy,
            formatCode: FixtureCodes.keyObjectSelection,
            creationTime: study.date + "123000",
            author: nil,
            bytes: manifestBytes,
            repository: repository
        )
        var content = FixtureGenerator.CommunityContent()
        generator.submit(
            [(entry, manifestBytes)],
            number: 1,
            time: study.date + "123000",
            common: common,
            home: community.homeCommunityID,
            into: &content
        )
        community.registryObjects += content.registryObjects
        community.documents += content.documents

        var federation = self
        federation.communities[communityIndex] = community
        if !patient.communities.contains(community.name) {
            let known = Set(patient.communities + [community.name])
            federation.patients[patientIndex].communities = communities.map(\.name).filter(known.contains)
        }
        return federation
    }
}
