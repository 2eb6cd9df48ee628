import Foundation
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP

/// Ready-to-send SOAP requests against the embedded federation, written to `STATE/examples/` so that the banner's
/// curl commands work as printed: an ITI-38 FindDocuments for the fixture patient known in every community, an ITI-39
/// for one document of each of two communities, and a RAD-75 for a whole study of one community plus one instance of
/// another. Synthetic fixture data only.
package struct EmbeddedExamples: Sendable {
    package struct Example: Sendable {
        package var file: String
        package var path: String
        package var action: String
        package var summary: String
        package var envelope: [UInt8]
    }

    package let examples: [Example]

    package init(federation: FixtureFederation) throws {
        var examples: [Example] = []
        let everywhere = federation.patients.first { $0.communities.count == federation.communities.count }
            ?? federation.patients.first
        if let patient = everywhere {
            let query = CrossGatewayQueryRequest(
                .findDocuments,
                parameters: [
                    QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'\(patient.patientID.rawValue)'"]),
                    QueryParameter(
                        name: "$XDSDocumentEntryStatus",
                        values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]
                    ),
                ]
            )
            examples.append(
                Example(
                    file: "find-documents.xml",
                    path: "/xca",
                    action: Transaction.iti38.requestAction,
                    summary: "ITI-38 FindDocuments for a fixture patient known to every community",
                    envelope: try query.encode(addressing: .request(action: Transaction.iti38.requestAction))
                )
            )
        }
        let documents = federation.communities.prefix(2).compactMap { community in
            community.documents.first.map {
                DocumentRequest(
                    homeCommunityID: community.homeCommunityID,
                    repositoryUniqueID: $0.repositoryUniqueID,
                    documentUniqueID: $0.uniqueID
                )
            }
        }
        if !documents.isEmpty {
            examples.append(
                Example(
                    file: "retrieve-documents.xml",
                    path: "/xca",
                    action: Transaction.iti39.requestAction,
                    summary: "ITI-39 for \(documents.count) documents in \(documents.count) communities",
                    envelope: try RetrieveDocumentSetRequest(documents: documents)
                        .encode(addressing: .request(action: Transaction.iti39.requestAction))
                )
            )
        }
        if let imaging = Self.imagingRequest(federation) {
            examples.append(
                Example(
                    file: "retrieve-imaging.xml",
                    path: "/xcai",
                    action: Transaction.rad75.requestAction,
                    summary: "RAD-75 for \(imaging.allDocumentRequests.count) instances of \(imaging.studies.count) studies",
                    envelope: try imaging.encode(addressing: .request(action: Transaction.rad75.requestAction))
                )
            )
        }
        self.examples = examples
    }

    /// The first study of the first community with images, plus the first instance of the last community.
    static func imagingRequest(_ federation: FixtureFederation) -> RetrieveImagingDocumentSetRequest? {
        let withImages = federation.communities.filter { !$0.instances.isEmpty }
        guard let first = withImages.first, let study = first.instances.first?.studyInstanceUID else { return nil }
        var instances = first.instances.filter { $0.studyInstanceUID == study }.map { (first.homeCommunityID, $0) }
        if withImages.count > 1, let last = withImages.last, let instance = last.instances.first {
            instances.append((last.homeCommunityID, instance))
        }
        return imagingRequest(for: instances)
    }

    /// A RAD-75/RAD-69 request for `instances` (each with its community), the study/series structure built from
    /// them in order of first appearance; Explicit then Implicit VR Little Endian unless `transferSyntaxes` says.
    package static func imagingRequest(
        for instances: [(HomeCommunityID, FixtureInstance)],
        transferSyntaxes: [TransferSyntaxUID] = [
            TransferSyntaxUID(rawValue: "1.2.840.10008.1.2.1"), TransferSyntaxUID(rawValue: "1.2.840.10008.1.2"),
        ]
    ) -> RetrieveImagingDocumentSetRequest? {
        guard !instances.isEmpty else { return nil }
        var studies: [StudyRequest] = []
        for (home, instance) in instances {
            let document = DocumentRequest(
                homeCommunityID: home,
                repositoryUniqueID: instance.repositoryUniqueID,
                documentUniqueID: DocumentUniqueID(rawValue: instance.sopInstanceUID.rawValue)
            )
            if let s = studies.firstIndex(where: { $0.studyInstanceUID == instance.studyInstanceUID }) {
                if let r = studies[s].series.firstIndex(where: { $0.seriesInstanceUID == instance.seriesInstanceUID }) {
                    studies[s].series[r].documents.append(document)
                } else {
                    studies[s].series.append(SeriesRequest(seriesInstanceUID: instance.seriesInstanceUID, documents: [document]))
                }
            } else {
                studies.append(
                    StudyRequest(
                        studyInstanceUID: instance.studyInstanceUID,
                        series: [SeriesRequest(seriesInstanceUID: instance.seriesInstanceUID, documents: [document])]
                    )
                )
            }
        }
        return RetrieveImagingDocumentSetRequest(studies: studies, transferSyntaxUIDs: transferSyntaxes)
    }

    /// Writes every example into `directory` (created if needed), replacing older ones.
    package func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for example in examples {
            try Data(example.envelope).write(to: directory.appendingPathComponent(example.file), options: .atomic)
        }
    }
}
