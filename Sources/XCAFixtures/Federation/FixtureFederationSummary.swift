import XCAModel

/// What a fixture federation holds, for people and machines: `xca-gateway fixtures list [--json]` and the tables of
/// `Fixtures/README.md`. Derived from the federation itself (registry objects and instances), so it describes a
/// loaded directory as faithfully as the built-in federation.
public struct FixtureFederationSummary: Codable, Hashable, Sendable {
    public struct Community: Codable, Hashable, Sendable {
        public var name: String
        public var displayName: String
        public var homeCommunityId: String
        public var repositories: [String]
        public var imagingDocumentSources: [ImagingDocumentSource]
        /// Patients with at least one DocumentEntry here.
        public var patients: Int
        public var studies: Int
        public var documentEntries: Int
        public var deprecatedDocumentEntries: Int
        public var submissionSets: Int
        public var associations: Int
        public var instances: Int
    }

    public struct ImagingDocumentSource: Codable, Hashable, Sendable {
        public var name: String
        public var repositoryUniqueId: String
        public var instances: Int
    }

    public struct Patient: Codable, Hashable, Sendable {
        public var nhsNumber: String
        public var displayName: String
        public var communities: [String]
        public var studies: [Study]
    }

    public struct Study: Codable, Hashable, Sendable {
        public var community: String
        public var studyInstanceUID: String
        public var accessionNumber: String?
        public var modality: String?
        public var description: String?
        /// `YYYY-MM-DD`.
        public var date: String?
        /// DocumentEntries referencing the study (manifests and reports, any status).
        public var documentEntries: Int
        public var deprecatedDocumentEntries: Int
        /// Confidentiality codes of its entries (`N`, `R`).
        public var confidentiality: [String]
        public var series: Int
        public var instances: Int
        public var imagingDocumentSources: [String]
    }

    public var communities: [Community]
    public var patients: [Patient]
}

extension FixtureFederation {
    static let studyInstanceUIDReference = "urn:ihe:iti:xds:2016:studyInstanceUID"
    static let accessionReference = "urn:ihe:iti:xds:2013:accession"

    /// The summary of this federation.
    public var summary: FixtureFederationSummary {
        var studiesByPatient: [String: [FixtureFederationSummary.Study]] = [:]
        var communitySummaries: [FixtureFederationSummary.Community] = []
        for community in communities {
            let entries = community.registryObjects.compactMap(DocumentEntry.init)
            var order: [(patient: String, study: String)] = []
            var grouped: [String: [DocumentEntry]] = [:]
            for entry in entries {
                guard let patient = entry.patientID.nhsNumber?.rawValue,
                    let study = Self.reference(Self.studyInstanceUIDReference, in: entry)
                else { continue }
                if grouped[study] == nil { order.append((patient, study)) }
                grouped[study, default: []].append(entry)
            }
            for (patient, study) in order {
                let group = grouped[study] ?? []
                let manifest =
                    group.first { $0.mimeType == "application/dicom" && $0.status == .approved }
                    ?? group.first { $0.mimeType == "application/dicom" } ?? group.first
                let instances = community.instances.filter { $0.studyInstanceUID.rawValue == study }
                let sources = Set(instances.map(\.repositoryUniqueID))
                studiesByPatient[patient, default: []].append(
                    FixtureFederationSummary.Study(
                        community: community.name,
                        studyInstanceUID: study,
                        accessionNumber: manifest.flatMap { Self.reference(Self.accessionReference, in: $0) },
                        modality: manifest?.eventCodes.first { $0.scheme == FixtureCodes.dcm }?.code,
                        description: manifest?.title,
                        date: manifest?.serviceStartTime.flatMap {
                            $0.count >= 8 ? FixtureReportText.isoDate(String($0.prefix(8))) : nil
                        },
                        documentEntries: group.count,
                        deprecatedDocumentEntries: group.filter { $0.status == .deprecated }.count,
                        confidentiality: Array(Set(group.flatMap { $0.confidentialityCodes.map(\.code) })).sorted(),
                        series: Set(instances.map(\.seriesInstanceUID)).count,
                        instances: instances.count,
                        imagingDocumentSources: community.imagingDocumentSources.filter {
                            sources.contains($0.repositoryUniqueID)
                        }.map(\.name)
                    )
                )
            }
            communitySummaries.append(
                FixtureFederationSummary.Community(
                    name: community.name,
                    displayName: community.displayName,
                    homeCommunityId: community.homeCommunityID.rawValue,
                    repositories: community.repositories.map(\.rawValue),
                    imagingDocumentSources: community.imagingDocumentSources.map { source in
                        FixtureFederationSummary.ImagingDocumentSource(
                            name: source.name,
                            repositoryUniqueId: source.repositoryUniqueID.rawValue,
                            instances: community.instances.filter { $0.repositoryUniqueID == source.repositoryUniqueID }
                                .count
                        )
                    },
                    patients: Set(order.map(\.patient)).count,
                    studies: order.count,
                    documentEntries: entries.count,
                    deprecatedDocumentEntries: entries.filter { $0.status == .deprecated }.count,
                    submissionSets: community.registryObjects.filter { $0.kind == .registryPackage }.count,
                    associations: community.registryObjects.filter { $0.kind == .association }.count,
                    instances: community.instances.count
                )
            )
        }
        let patientSummaries = patients.map { patient in
            FixtureFederationSummary.Patient(
                nhsNumber: patient.nhsNumber.rawValue,
                displayName: patient.displayName,
                communities: patient.communities,
                studies: studiesByPatient[patient.nhsNumber.rawValue] ?? []
            )
        }
        return FixtureFederationSummary(communities: communitySummaries, patients: patientSummaries)
    }

    /// The ID of the first `referenceIdList` value of that CXi type (CX.5), e.g. the Study Instance UID.
    static func reference(_ type: String, in entry: DocumentEntry) -> String? {
        for value in entry.referenceIdList {
            let components = value.split(separator: "^", omittingEmptySubsequences: false)
            if components.count >= 5, components[4] == type { return String(components[0]) }
        }
        return nil
    }
}
