import XCAFixtures
import XCAModel

/// An XDS-I.b imaging manifest as the viewer path reads it: a DICOM Key Object Selection Document whose Current
/// Requested Procedure Evidence Sequence (0040,A375) names every study, series and SOP instance shared, each series
/// with the Retrieve Location UID (0040,E011) of the Imaging Document Source holding it (RAD TF-3 4.68.4.1.2.2 (≈);
/// DICOM PS3.3 C.17.6). The community it came from is where RAD-75 asks for the instances.
public struct ImagingManifest: Sendable, Hashable {
    public struct Study: Sendable, Hashable {
        public var studyInstanceUID: StudyInstanceUID
        public var series: [Series]
    }

    public struct Series: Sendable, Hashable {
        public var seriesInstanceUID: SeriesInstanceUID
        /// The repositoryUniqueId of the Imaging Document Source (the RepositoryUniqueId of the RAD-75 requests).
        public var retrieveLocationUID: RepositoryUniqueID
        public var instances: [SOPInstanceUID]
    }

    /// The community whose registry listed the manifest (the HomeCommunityId of the RAD-75 requests).
    public var homeCommunityID: HomeCommunityID
    /// The manifest's own document uniqueId.
    public var documentUniqueID: DocumentUniqueID
    public var studies: [Study]

    public init(homeCommunityID: HomeCommunityID, documentUniqueID: DocumentUniqueID, studies: [Study]) {
        self.homeCommunityID = homeCommunityID
        self.documentUniqueID = documentUniqueID
        self.studies = studies
    }

    /// Reads a manifest from its DICOM Part-10 bytes (Explicit or Implicit VR Little Endian).
    ///
    /// - Throws: ``XCAClientError/Code/malformedAnswer`` when the bytes are not DICOM, have no evidence, or name a
    ///   UID that is not a valid DICOM UID (they become directory and file names) or a Retrieve Location UID that is
    ///   not an OID.
    public init(
        dicom bytes: [UInt8],
        homeCommunityID: HomeCommunityID,
        documentUniqueID: DocumentUniqueID
    ) throws(XCAClientError) {
        let file: DICOMFile
        do {
            file = try DICOMReader.read(bytes)
        } catch {
            throw XCAClientError(
                .malformedAnswer,
                "the imaging manifest \(documentUniqueID) is not readable DICOM: \(error.message)"
            )
        }
        func invalid(_ what: String) -> XCAClientError {
            XCAClientError(.malformedAnswer, "the imaging manifest \(documentUniqueID) \(what)")
        }
        let evidence = file.dataSet.items(.currentRequestedProcedureEvidenceSequence)
        guard !evidence.isEmpty else {
            throw invalid("has no Current Requested Procedure Evidence Sequence (not an XDS-I.b manifest)")
        }
        var studies: [Study] = []
        for item in evidence {
            let study = StudyInstanceUID(rawValue: item.string(.studyInstanceUID) ?? "")
            if let problem = study.validationProblem { throw invalid("names a study whose \(problem)") }
            var series: [Series] = []
            for seriesItem in item.items(.referencedSeriesSequence) {
                let uid = SeriesInstanceUID(rawValue: seriesItem.string(.seriesInstanceUID) ?? "")
                if let problem = uid.validationProblem { throw invalid("names a series whose \(problem)") }
                guard let location = seriesItem.string(.retrieveLocationUID) else {
                    throw invalid("has a series without Retrieve Location UID (0040,E011)")
                }
                let source = RepositoryUniqueID(rawValue: location)
                if let problem = source.validationProblem {
                    throw invalid("has a Retrieve Location UID whose \(problem)")
                }
                var instances: [SOPInstanceUID] = []
                for reference in seriesItem.items(.referencedSOPSequence) {
                    let sop = SOPInstanceUID(rawValue: reference.string(.referencedSOPInstanceUID) ?? "")
                    if let problem = sop.validationProblem { throw invalid("references an instance whose \(problem)") }
                    instances.append(sop)
                }
                series.append(Series(seriesInstanceUID: uid, retrieveLocationUID: source, instances: instances))
            }
            studies.append(Study(studyInstanceUID: study, series: series))
        }
        self.init(homeCommunityID: homeCommunityID, documentUniqueID: documentUniqueID, studies: studies)
    }

    /// How many instances the manifest references.
    public var instanceCount: Int {
        studies.reduce(0) { $0 + $1.series.reduce(0) { $0 + $1.instances.count } }
    }
}
