import Testing
import XCAModel

@testable import XCAFixtures

/// The standard blueprint: the federation the issue asks for (≥3 communities, ≥12 patients with valid 999-range NHS
/// numbers, several known in more than one community, one in all three, a superseded entry, varied metadata).
@Suite struct FixtureBlueprintTests {
    let blueprint = FixtureBlueprint.standard

    @Test func communitiesHaveTheFixedNamesAndValidDistinctIdentifiers() {
        #expect(blueprint.communities.map(\.name) == ["north-imaging", "midlands-imaging", "south-west-imaging"])
        var identifiers: [String] = []
        for community in blueprint.communities {
            #expect(community.homeCommunityID.isValid, "\(community.name)")
            #expect(community.homeCommunityID.rawValue.count <= 64)
            #expect(!community.repositories.isEmpty)
            #expect(!community.imagingDocumentSources.isEmpty)
            for repository in community.repositories + community.imagingDocumentSources {
                #expect(repository.uniqueID.isValid, "\(repository.name)")
                identifiers.append(repository.uniqueID.rawValue)
            }
            identifiers.append(community.homeCommunityID.rawValue)
        }
        #expect(Set(identifiers).count == identifiers.count)
        #expect(blueprint.communities.contains { $0.imagingDocumentSources.count >= 2 })
        #expect(blueprint.communities.contains { $0.repositories.count >= 2 })
    }

    @Test func everyIdentifierIsUnderTheSyntheticArc() {
        #expect(blueprint.root.rawValue.hasPrefix("2.25."))
        #expect(blueprint.root.rawValue == FixtureUID.oid("xca-gateway", "fixture federation"))
        for community in blueprint.communities {
            #expect(community.homeCommunityID.oid?.rawValue.hasPrefix(blueprint.root.rawValue + ".") == true)
            for repository in community.repositories + community.imagingDocumentSources {
                #expect(repository.uniqueID.rawValue.hasPrefix(blueprint.root.rawValue + "."))
            }
        }
        for institution in blueprint.institutions {
            #expect(institution.oid.rawValue.hasPrefix(blueprint.root.rawValue + "."))
            #expect(institution.oid.isValid)
        }
    }

    @Test func atLeastTwelvePatientsWithValidDistinctNHSNumbersFromThe999Range() {
        #expect(blueprint.patients.count >= 12)
        for patient in blueprint.patients {
            #expect(patient.nhsNumber.isValid, "\(patient.key)")
            #expect(patient.nhsNumber.rawValue.hasPrefix("999"), "\(patient.key)")
            #expect(PatientID(nhsNumber: patient.nhsNumber).isValid)
        }
        #expect(Set(blueprint.patients.map(\.nhsNumber)).count == blueprint.patients.count)
    }

    @Test func theModulus11CheckDigitMatchesTheModelAndSkipsTen() {
        // 943 476 591 → 9 is the NHS Data Dictionary's worked example.
        #expect(PatientBlueprint.nhsNumber(prefix: "943476591")?.rawValue == "9434765919")
        // 999 000 014: the check digit computes to 10, so there is no valid number; none of the patients uses it.
        #expect(PatientBlueprint.nhsNumber(prefix: "999000014") == nil)
        for digit in 0...9 {
            #expect(!NHSNumber(rawValue: "999000014\(digit)").isValid)
        }
        #expect(!blueprint.patients.contains { $0.nhsNumber.rawValue.hasPrefix("999000014") })
        #expect(PatientBlueprint.nhsNumber(prefix: "99900001") == nil)
        #expect(PatientBlueprint.nhsNumber(prefix: "99900001x") == nil)
    }

    @Test func severalPatientsAreKnownInMoreThanOneCommunityAndOneInAll() {
        let spread = blueprint.patients.map { blueprint.communities(of: $0).count }
        #expect(spread.allSatisfy { $0 >= 1 })
        #expect(spread.filter { $0 >= 2 }.count >= 4)
        #expect(spread.contains(blueprint.communities.count))
    }

    @Test func studiesReferToKnownPatientsCommunitiesSourcesAndInstitutions() {
        #expect(Set(blueprint.studies.map(\.key)).count == blueprint.studies.count)
        for study in blueprint.studies {
            let community = blueprint.community(named: study.community)
            #expect(community != nil, "\(study.key)")
            #expect(community?.imagingDocumentSource(named: study.imagingDocumentSource) != nil, "\(study.key)")
            #expect(community?.repository(named: study.repository) != nil, "\(study.key)")
            #expect(community?.repository(named: study.reportRepository) != nil, "\(study.key)")
            #expect(blueprint.patient(study.patient) != nil, "\(study.key)")
            #expect(blueprint.institution(study.performingInstitution) != nil, "\(study.key)")
            #expect(DICOMSOPClass(imageModality: study.modality) != nil, "\(study.key)")
            #expect(!study.series.isEmpty)
        }
    }

    @Test func metadataVariesAsTheQueriesNeed() {
        let studies = blueprint.studies
        #expect(Set(studies.map(\.modality)).isSuperset(of: ["CT", "MR", "CR", "DX", "MG", "US"]))
        #expect(Set(studies.map(\.confidentiality.code)) == ["N", "R"])
        #expect(Set(studies.map(\.practiceSetting.code)).count >= 3)
        #expect(Set(studies.map(\.facilityType.code)).count >= 3)
        #expect(studies.contains { $0.preliminaryReport != nil })
        #expect(Set(studies.map { $0.date.prefix(4) }).count >= 3)
    }
}
