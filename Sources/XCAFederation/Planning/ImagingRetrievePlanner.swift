import XCAModel

/// Splits a RAD-69 / RAD-75 Retrieve Imaging Document Set into RAD-75 legs per community (RAD TF-3 4.69, 4.75;
/// protocol.md §2.6).
///
/// Per DocumentRequest (one SOP instance): RAD-75 (`requiringHomeCommunityID`) needs a HomeCommunityId on every
/// DocumentRequest, missing → XDSMissingHomeCommunityId. RAD-69 (from a local consumer) is routed by HomeCommunityId
/// when present, otherwise by RepositoryUniqueId (= the Imaging Document Source) through the directory; neither
/// known → XDSUnknownRepositoryId. Unknown HomeCommunityId → XDSUnknownCommunity (location = gateway); community
/// disabled or without an imaging retrieve endpoint → XDSUnavailableCommunity (location = its homeCommunityId). The
/// codeContext names the DocumentUniqueId (the SOP Instance UID).
///
/// DocumentRequests are grouped by community in order of first appearance and split into legs of at most
/// `quirks.maxDocumentsPerRetrieve`. Each leg's request rebuilds the study/series structure holding only its own
/// documents, in original order (an empty series or study never appears; a StudyRequest repeated in the consumer's
/// request stays two StudyRequests), and carries the original TransferSyntaxUIDList unchanged. A DocumentRequest
/// routed by repository gets the community's HomeCommunityId, which RAD-75 requires (RAD TF-3 4.75.4.1.2); others
/// are forwarded unchanged.
public enum ImagingRetrievePlanner {
    /// RAD-75: HomeCommunityId required on every DocumentRequest. RAD-69 (a local consumer): routed by
    /// HomeCommunityId when present, else by RepositoryUniqueId (= the Imaging Document Source) through the directory;
    /// neither → XDSUnknownRepositoryId.
    public static func plan(
        _ request: RetrieveImagingDocumentSetRequest,
        requiringHomeCommunityID: Bool,
        in directory: CommunityDirectory,
        gatewayHome: HomeCommunityID
    ) -> ImagingRetrievePlan {
        var errors: [RegistryError] = []
        var groups: [(community: Int, documents: [Placed])] = []
        var groupOfCommunity: [Int: Int] = [:]
        for (studyIndex, study) in request.studies.enumerated() {
            for (seriesIndex, series) in study.series.enumerated() {
                for document in series.documents {
                    let route = DocumentRouter.route(
                        document,
                        in: directory,
                        for: .imagingRetrieve,
                        requiringHomeCommunityID: requiringHomeCommunityID,
                        gatewayHome: gatewayHome
                    )
                    switch route {
                    case .error(let error):
                        errors.append(error)
                    case .community(let index):
                        var document = document
                        if document.homeCommunityID == nil {
                            document.homeCommunityID = directory.communities[index].homeCommunityID
                        }
                        let placed = Placed(study: studyIndex, series: seriesIndex, document: document)
                        if let group = groupOfCommunity[index] {
                            groups[group].documents.append(placed)
                        } else {
                            groupOfCommunity[index] = groups.count
                            groups.append((index, [placed]))
                        }
                    }
                }
            }
        }
        var legs: [ImagingRetrieveLeg] = []
        legs.reserveCapacity(groups.count)
        for group in groups {
            let community = directory.communities[group.community]
            let size = DocumentRouter.chunkSize(for: community)
            var start = 0
            while start < group.documents.count {
                let end = group.documents.count - start > size ? start + size : group.documents.count
                let studies = rebuild(group.documents[start..<end], from: request)
                legs.append(
                    ImagingRetrieveLeg(
                        community: community,
                        request: RetrieveImagingDocumentSetRequest(
                            studies: studies,
                            transferSyntaxUIDs: request.transferSyntaxUIDs
                        )
                    )
                )
                start = end
            }
        }
        return ImagingRetrievePlan(legs: legs, errors: errors)
    }

    /// A routed DocumentRequest and the StudyRequest / SeriesRequest (by index) it came from.
    private struct Placed {
        var study: Int
        var series: Int
        var document: DocumentRequest
    }

    /// The StudyRequests holding exactly `documents`. They are in request order, so the documents of one series (and
    /// the series of one study) are adjacent.
    private static func rebuild(
        _ documents: ArraySlice<Placed>,
        from request: RetrieveImagingDocumentSetRequest
    ) -> [StudyRequest] {
        var studies: [StudyRequest] = []
        var currentStudy = -1
        var currentSeries = -1
        for placed in documents {
            if placed.study != currentStudy {
                currentStudy = placed.study
                currentSeries = -1
                studies.append(
                    StudyRequest(studyInstanceUID: request.studies[placed.study].studyInstanceUID, series: [])
                )
            }
            if placed.series != currentSeries {
                currentSeries = placed.series
                let uid = request.studies[placed.study].series[placed.series].seriesInstanceUID
                studies[studies.count - 1].series.append(SeriesRequest(seriesInstanceUID: uid, documents: []))
            }
            let study = studies.count - 1
            studies[study].series[studies[study].series.count - 1].documents.append(placed.document)
        }
        return studies
    }
}
