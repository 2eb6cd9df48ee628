import XCAModel

/// The RAD-75 requests for a set of manifests: one per study (RAD TF-3 4.75.4.1.2: StudyRequest → SeriesRequest →
/// DocumentRequest with the manifest's community as HomeCommunityId, the series' Retrieve Location UID as
/// RepositoryUniqueId and the SOP Instance UID as DocumentUniqueId), each instance once even when several manifests
/// name it, and where each instance goes.
struct ImagingRetrievePlan: Sendable {
    /// One request per study, in the manifests' order.
    var requests: [RetrieveImagingDocumentSetRequest]
    /// Every instance asked for, by SOP Instance UID.
    var instances: [String: ImagingInstanceFile]
    var seriesCount: Int

    init(manifests: [ImagingManifest], study: StudyInstanceUID?, transferSyntaxes: [TransferSyntaxUID]) {
        var studies: [StudyRequest] = []
        var instances: [String: ImagingInstanceFile] = [:]
        for manifest in manifests {
            for evidence in manifest.studies where study == nil || evidence.studyInstanceUID == study {
                let studyIndex =
                    studies.firstIndex { $0.studyInstanceUID == evidence.studyInstanceUID }
                    ?? {
                        studies.append(StudyRequest(studyInstanceUID: evidence.studyInstanceUID, series: []))
                        return studies.count - 1
                    }()
                for series in evidence.series {
                    let documents = series.instances.compactMap { sop -> DocumentRequest? in
                        guard instances[sop.rawValue] == nil else { return nil }
                        instances[sop.rawValue] = ImagingInstanceFile(
                            studyInstanceUID: evidence.studyInstanceUID,
                            seriesInstanceUID: series.seriesInstanceUID,
                            sopInstanceUID: sop
                        )
                        return DocumentRequest(
                            homeCommunityID: manifest.homeCommunityID,
                            repositoryUniqueID: series.retrieveLocationUID,
                            documentUniqueID: DocumentUniqueID(rawValue: sop.rawValue)
                        )
                    }
                    guard !documents.isEmpty else { continue }
                    if let seriesIndex = studies[studyIndex].series.firstIndex(where: {
                        $0.seriesInstanceUID == series.seriesInstanceUID
                    }) {
                        studies[studyIndex].series[seriesIndex].documents += documents
                    } else {
                        studies[studyIndex].series.append(
                            SeriesRequest(seriesInstanceUID: series.seriesInstanceUID, documents: documents)
                        )
                    }
                }
            }
        }
        studies.removeAll { $0.series.isEmpty }
        self.requests = studies.map {
            RetrieveImagingDocumentSetRequest(studies: [$0], transferSyntaxUIDs: transferSyntaxes)
        }
        self.instances = instances
        self.seriesCount = studies.reduce(0) { $0 + $1.series.count }
    }
}
