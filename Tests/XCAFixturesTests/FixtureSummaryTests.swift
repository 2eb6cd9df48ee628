import Foundation
import Testing

@testable import XCAFixtures

/// `fixtures list --json`: the shape the issue fixes and the figures of the federation.
@Suite struct FixtureSummaryTests {
    let summary = FixtureFederation.builtIn().summary

    @Test func jsonHasTheAgreedShape() throws {
        let data = try JSONEncoder().encode(summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let communities = try #require(object["communities"] as? [[String: Any]])
        let patients = try #require(object["patients"] as? [[String: Any]])
        #expect(communities.count == 3)
        for community in communities {
            #expect(community["name"] is String)
            #expect((community["homeCommunityId"] as? String)?.hasPrefix("urn:oid:") == true)
            #expect(community["displayName"] is String)
            #expect(community["repositories"] is [String])
            #expect(community["imagingDocumentSources"] is [[String: Any]])
        }
        #expect(patients.count == 13)
        for patient in patients {
            #expect((patient["nhsNumber"] as? String)?.count == 10)
            #expect(!((patient["communities"] as? [String]) ?? []).isEmpty)
            let studies = try #require(patient["studies"] as? [[String: Any]])
            #expect(!studies.isEmpty)
            for study in studies {
                for key in [
                    "community", "studyInstanceUID", "modality", "description", "date", "documentEntries", "instances",
                ] {
                    #expect(study[key] != nil, "\(key)")
                }
            }
        }
    }

    @Test func figuresMatchTheBlueprint() throws {
        let blueprint = FixtureBlueprint.standard
        #expect(summary.patients.flatMap(\.studies).count == blueprint.studies.count)
        for study in blueprint.studies {
            let patient = try #require(blueprint.patient(study.patient))
            let listed = try #require(
                summary.patients.first { $0.nhsNumber == patient.nhsNumber.rawValue }?.studies.first {
                    $0.studyInstanceUID == FixtureUID.oid("study", study.key)
                }
            )
            #expect(listed.community == study.community)
            #expect(listed.modality == study.modality)
            #expect(listed.description == study.description)
            #expect(listed.accessionNumber == study.accessionNumber)
            #expect(listed.date.map { $0.replacingOccurrences(of: "-", with: "") } == study.date)
            #expect(listed.instances == study.series.reduce(0) { $0 + $1.instanceCount })
            #expect(listed.series == study.series.count)
            #expect(listed.documentEntries == (study.preliminaryReport == nil ? 2 : 3))
            #expect(listed.deprecatedDocumentEntries == (study.preliminaryReport == nil ? 0 : 1))
            #expect(listed.confidentiality == [study.confidentiality.code])
            #expect(listed.imagingDocumentSources == [study.imagingDocumentSource])
        }
        let instances = summary.communities.reduce(0) { $0 + $1.instances }
        #expect(instances == summary.communities.flatMap(\.imagingDocumentSources).reduce(0) { $0 + $1.instances })
    }

    @Test func readmeListsEveryPatientAndCommunity() {
        let readme = FixtureReadme.render(summary)
        for patient in summary.patients {
            #expect(readme.contains(FixtureReadme.spaced(patient.nhsNumber)))
            #expect(readme.contains(patient.displayName))
        }
        for community in summary.communities {
            #expect(readme.contains(community.homeCommunityId))
            #expect(readme.contains("### \(community.name)"))
        }
        #expect(readme.contains("synthetic"))
    }
}
