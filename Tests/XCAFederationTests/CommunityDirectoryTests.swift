import Testing
import XCAFederation
import XCAModel

@Suite("CommunityDirectory")
struct CommunityDirectoryTests {
    @Test func keepsConfiguredOrderAndFiltersEnabled() throws {
        let directory = try CommunityDirectory([
            Sample.community(3), Sample.community(1, isEnabled: false), Sample.community(2),
        ])
        #expect(directory.communities.map(\.name) == ["community-3", "community-1", "community-2"])
        #expect(directory.enabled.map(\.name) == ["community-3", "community-2"])
    }

    @Test func defaults() {
        let community = Community(name: "a", homeCommunityID: Sample.home(1), endpoints: CommunityEndpoints())
        #expect(community.id == Sample.home(1))
        #expect(community.timeout == .seconds(10))
        #expect(community.maxConcurrentRequests == 16)
        #expect(community.isEnabled)
        #expect(community.quirks.stampMissingHome)
        #expect(community.quirks.acceptInlineDocuments)
        #expect(community.quirks.maxDocumentsPerRetrieve == nil)
        #expect(community.endpoints.query == nil && community.endpoints.retrieve == nil)
    }

    @Test func duplicateHomeCommunityIDIsRejected() {
        var twin = Sample.community(2)
        twin.homeCommunityID = Sample.home(1)
        #expect(throws: FederationError(.duplicateCommunity, "")) {
            try CommunityDirectory([Sample.community(1), twin])
        }
    }

    @Test func duplicateHomeCommunityIDDifferingOnlyInPrefixCaseIsRejected() {
        var twin = Sample.community(2)
        twin.homeCommunityID = HomeCommunityID("URN:OID:" + String(Sample.home(1).rawValue.dropFirst(8)))
        #expect(throws: FederationError(.duplicateCommunity, "")) {
            try CommunityDirectory([Sample.community(1), twin])
        }
    }

    @Test func duplicateNameIsRejected() {
        var twin = Sample.community(2)
        twin.name = "community-1"
        let error = #expect(throws: FederationError.self) { try CommunityDirectory([Sample.community(1), twin]) }
        #expect(error?.code == .duplicateCommunity)
        #expect(error?.message.contains("communities[1]") == true)
    }

    @Test func lookupByHomeCommunityID() throws {
        let directory = try CommunityDirectory([Sample.community(1), Sample.community(2, isEnabled: false)])
        #expect(directory.community(Sample.home(1))?.name == "community-1")
        #expect(directory.community(Sample.home(2))?.name == "community-2", "disabled communities are still known")
        #expect(directory.community(Sample.home(3)) == nil)
        let shouted = HomeCommunityID("Urn:Oid:" + String(Sample.home(1).rawValue.dropFirst(8)))
        #expect(directory.community(shouted)?.name == "community-1", "the urn:oid: prefix is case-insensitive")
        #expect(directory.community(HomeCommunityID("urn:oid:1.2.826.0.1.3680043.9.7133.1 ")) == nil)
    }

    @Test func lookupByRepositoryOrImagingSourceTakesTheFirstInConfiguredOrder() throws {
        let directory = try CommunityDirectory([
            Sample.community(1, repositories: [Sample.repository(1)]),
            Sample.community(2, repositories: [Sample.repository(2)], imagingSources: [Sample.repository(20)]),
            Sample.community(3, imagingSources: [Sample.repository(1), Sample.repository(30)]),
        ])
        #expect(directory.community(servingRepository: Sample.repository(1))?.name == "community-1")
        #expect(directory.community(servingRepository: Sample.repository(2))?.name == "community-2")
        #expect(directory.community(servingRepository: Sample.repository(20))?.name == "community-2")
        #expect(directory.community(servingRepository: Sample.repository(30))?.name == "community-3")
        #expect(directory.community(servingRepository: Sample.repository(99)) == nil)
    }
}
