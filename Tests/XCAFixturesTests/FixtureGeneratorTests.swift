import Foundation
import Testing
import XCABinding
import XCAModel

@testable import XCAFixtures

/// The generated federation: registry metadata agrees with the bytes behind it, every object has `home`, the
/// superseded report is Deprecated with an RPLC association, and generation is deterministic.
@Suite struct FixtureGeneratorTests {
    let federation = FixtureFederation.builtIn()

    static let communityNames = ["north-imaging", "midlands-imaging", "south-west-imaging"]

    @Test func builtInMatchesTheBlueprint() {
        let blueprint = FixtureBlueprint.standard
        #expect(federation.communities.map(\.name) == blueprint.communities.map(\.name))
        #expect(federation.patients.map(\.nhsNumber) == blueprint.patients.map(\.nhsNumber))
        #expect(federation.patients.map(\.displayName).first == "Ada Testwell")
        let entries = federation.communities.flatMap(FixtureTestSupport.entries)
        let reports = blueprint.studies.reduce(0) { $0 + 1 + ($1.preliminaryReport == nil ? 0 : 1) }
        #expect(entries.count == blueprint.studies.count + reports)
        let instances = blueprint.studies.flatMap(\.series).reduce(0) { $0 + $1.instanceCount }
        #expect(federation.communities.reduce(0) { $0 + $1.instances.count } == instances)
    }

    @Test(arguments: communityNames)
    func everyDocumentEntryHashAndSizeMatchItsDocument(community name: String) async throws {
        let community = try #require(federation.community(named: name))
        let entries = FixtureTestSupport.entries(community)
        #expect(entries.count == community.documents.count)
        for (entry, document) in zip(entries, community.documents) {
            #expect(entry.uniqueID == document.uniqueID)
            #expect(entry.repositoryUniqueID == document.repositoryUniqueID)
            #expect(entry.mimeType == document.mimeType)
            let bytes = try await document.content.collect()
            #expect(entry.size == bytes.count)
            #expect(document.content.size == bytes.count)
            #expect(entry.hash == FixtureTestSupport.sha1(bytes))
            #expect(community.repositories.contains(document.repositoryUniqueID))
        }
    }

    @Test(arguments: communityNames)
    func everyRegistryObjectCarriesTheCommunityHome(community name: String) throws {
        let community = try #require(federation.community(named: name))
        #expect(!community.registryObjects.isEmpty)
        for object in community.registryObjects {
            #expect(object.home == community.homeCommunityID, "\(object.kind)")
            #expect(object.id?.isValid == true)
            #expect([.extrinsicObject, .registryPackage, .association].contains(object.kind))
        }
    }

    @Test(arguments: communityNames)
    func documentEntriesCarryTheMetadataTheIssueNames(community name: String) throws {
        let community = try #require(federation.community(named: name))
        for entry in FixtureTestSupport.entries(community) {
            #expect(entry.patientID.isValid)
            #expect(entry.patientID.nhsNumber?.isValid == true)
            #expect(entry.uniqueID.isValid)
            #expect(entry.classCode != nil && entry.typeCode != nil && entry.formatCode != nil)
            #expect(entry.practiceSettingCode != nil && entry.healthcareFacilityTypeCode != nil)
            #expect(entry.confidentialityCodes.count == 1)
            #expect(entry.creationTime?.count == 14 && entry.serviceStartTime?.count == 14)
            #expect(entry.authorInstitution.first?.contains("^^^^^^^^^2.25.") == true)
            #expect(entry.sourcePatientID?.isValid == true)
            #expect(FixtureTestSupport.studyUID(entry) != nil)
            if entry.mimeType == "application/dicom" {
                #expect(entry.formatCode == FixtureCodes.keyObjectSelection)
                #expect(entry.typeCode?.code == "18748-4")
                #expect(entry.classCode == FixtureCodes.manifestClass)
            } else {
                #expect(entry.mimeType == "text/plain")
                #expect(entry.classCode == FixtureCodes.reportClass)
                #expect(entry.authorPerson != nil)
            }
        }
    }

    @Test func submissionSetsHaveMembersAndThePatientOfTheirEntries() throws {
        for community in federation.communities {
            let byID = Dictionary(
                uniqueKeysWithValues: community.registryObjects.compactMap { object in
                    object.id.map { ($0.rawValue, object) }
                }
            )
            let packages = community.registryObjects.filter { $0.kind == .registryPackage }
            #expect(!packages.isEmpty)
            for package in packages {
                #expect(
                    package.element.childElements(named: "Classification").contains {
                        $0.attribute("classificationNode") == XDSUUID.submissionSet
                    }
                )
                let members = community.registryObjects.filter {
                    $0.associationType == FixtureRegistry.hasMember && $0.sourceObject == package.id?.rawValue
                }
                #expect(!members.isEmpty)
                for member in members {
                    let target = try #require(member.targetObject.flatMap { byID[$0] })
                    #expect(target.patientID == package.patientID)
                    #expect(member.slotValues(named: "SubmissionSetStatus") == ["Original"])
                }
            }
        }
    }

    @Test func theSupersededReportIsDeprecatedAndReplacedWithRPLC() throws {
        var replacements = 0
        for community in federation.communities {
            let entries = Dictionary(
                uniqueKeysWithValues: FixtureTestSupport.entries(community).map { ($0.entryUUID.rawValue, $0) }
            )
            for association in community.registryObjects where association.associationType == FixtureRegistry.replace {
                let replacing = try #require(association.sourceObject.flatMap { entries[$0] })
                let replaced = try #require(association.targetObject.flatMap { entries[$0] })
                #expect(replacing.status == .approved)
                #expect(replaced.status == .deprecated)
                #expect(replacing.patientID == replaced.patientID)
                #expect(FixtureTestSupport.studyUID(replacing) == FixtureTestSupport.studyUID(replaced))
                replacements += 1
            }
            // Every Deprecated entry is the target of an RPLC.
            let targets = Set(
                community.registryObjects.filter { $0.associationType == FixtureRegistry.replace }.compactMap(
                    \.targetObject
                )
            )
            for entry in entries.values where entry.status == .deprecated {
                #expect(targets.contains(entry.entryUUID.rawValue))
            }
        }
        #expect(replacements >= 1)
    }

    @Test func patientsAreListedInExactlyTheCommunitiesThatHoldTheirEntries() {
        for patient in federation.patients {
            let holding = federation.communities.filter { community in
                FixtureTestSupport.entries(community).contains { $0.patientID.nhsNumber == patient.nhsNumber }
            }.map(\.name)
            #expect(holding == patient.communities)
        }
    }

    @Test func generationIsDeterministic() async throws {
        let again = try FixtureGenerator().federation()
        for (first, second) in zip(federation.communities, again.communities) {
            #expect(first.registryObjects == second.registryObjects)
            for (a, b) in zip(first.documents, second.documents) {
                #expect(try await a.content.collect() == b.content.collect())
            }
            #expect(first.instances.map(\.sopInstanceUID) == second.instances.map(\.sopInstanceUID))
            for (a, b) in zip(first.instances, second.instances) {
                for syntax in [TransferSyntaxUID.explicitVRLittleEndian, .implicitVRLittleEndian] {
                    #expect(try await a.renditions[syntax]?.collect() == b.renditions[syntax]?.collect())
                }
            }
        }
    }

    @Test func derivedIdentifiersAreStableAndValid() {
        #expect(FixtureUID.oid("study", "x") == FixtureUID.oid("study", "x"))
        #expect(FixtureUID.oid("study", "x") != FixtureUID.oid("study", "y"))
        #expect(FixtureUID.oid("ab", "c") != FixtureUID.oid("a", "bc"))
        let uid = FixtureUID.oid("instance", "p01", "1", "1")
        #expect(uid.count <= 64)
        #expect(SOPInstanceUID(rawValue: uid).isValid)
        #expect(FixtureUID.entryUUID("document entry", "k").isValid)
        // Version 8, RFC 9562 variant.
        let text = FixtureUID.entryUUID("document entry", "k").rawValue
        let characters = Array(text.dropFirst("urn:uuid:".count))
        #expect(characters[14] == "8")
        #expect("89ab".contains(characters[19]))
    }

    @Test(arguments: communityNames)
    func registryFileRoundTripsThroughXCABinding(community name: String) throws {
        let community = try #require(federation.community(named: name))
        let bytes = try FixtureRegistryFile.encode(community.registryObjects)
        let (header, response) = try CrossGatewayQueryResponse.decode(bytes)
        #expect(header == nil)
        #expect(response.status == .success)
        #expect(response.registryObjects == community.registryObjects)
        #expect(response.documentEntries.count == FixtureTestSupport.entries(community).count)
    }
}
