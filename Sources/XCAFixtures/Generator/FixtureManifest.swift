import XCAModel

/// `federation.json` of a fixture directory: what the files alone do not say — the communities with their names,
/// identifiers, repositories and Imaging Document Sources, and the patients with their display names.
struct FixtureManifest: Codable, Hashable, Sendable {
    struct Community: Codable, Hashable, Sendable {
        var name: String
        var displayName: String
        var homeCommunityId: String
        var repositories: [String]
        var imagingDocumentSources: [ImagingDocumentSource]
    }

    struct ImagingDocumentSource: Codable, Hashable, Sendable {
        var name: String
        var repositoryUniqueId: String
    }

    struct Patient: Codable, Hashable, Sendable {
        var nhsNumber: String
        var displayName: String
        var communities: [String]
    }

    static let fileName = "federation.json"
    static let currentFormat = 1

    var format: Int
    var description: String
    var communities: [Community]
    var patients: [Patient]

    init(_ federation: FixtureFederation) {
        format = Self.currentFormat
        description = "Synthetic XCA/XCA-I fixture federation written by the xca-gateway project. No real patients."
        communities = federation.communities.map { community in
            Community(
                name: community.name,
                displayName: community.displayName,
                homeCommunityId: community.homeCommunityID.rawValue,
                repositories: community.repositories.map(\.rawValue),
                imagingDocumentSources: community.imagingDocumentSources.map {
                    ImagingDocumentSource(name: $0.name, repositoryUniqueId: $0.repositoryUniqueID.rawValue)
                }
            )
        }
        patients = federation.patients.map {
            Patient(nhsNumber: $0.nhsNumber.rawValue, displayName: $0.displayName, communities: $0.communities)
        }
    }
}
