import Foundation
import Testing
import XCABinding
import XCAModel

@Suite("ITI-38 answer facts for the audit patient index")
struct QueryAnswerFactsTests {
    static let fixturesRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/communities")

    static let communities = ["north-imaging", "midlands-imaging", "south-west-imaging"]

    /// The scan says what the full decoder says, for every DocumentEntry of each committed fixture registry.
    @Test(arguments: communities)
    func scanAgreesWithTheDecoder(_ community: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixturesRoot.appendingPathComponent("\(community)/registry.xml")))
        let (_, response) = try CrossGatewayQueryResponse.decode(bytes)
        let decoded = response.registryObjects.filter { $0.kind == .extrinsicObject }.compactMap(DocumentEntry.init)
        let facts = QueryAnswerFacts.scan(bytes)
        try #require(decoded.count > 10)
        #expect(facts.entries.count == decoded.count)
        for (entry, document) in zip(facts.entries, decoded) {
            #expect(entry.documentUniqueID == document.uniqueID.rawValue)
            #expect(entry.repositoryUniqueID == document.repositoryUniqueID?.rawValue)
            #expect(entry.patientID == document.patientID.rawValue)
            #expect(entry.home == document.home?.rawValue)
            let studies = document.referenceIdList.compactMap { value -> String? in
                let parts = value.split(separator: "^", omittingEmptySubsequences: false)
                return parts.count >= 5 && parts[4] == "urn:ihe:iti:xds:2016:studyInstanceUID" ? String(parts[0]) : nil
            }
            #expect(entry.studyInstanceUIDs == studies)
        }
        #expect(facts.entries.contains { !$0.studyInstanceUIDs.isEmpty })
    }

    /// Attribute order, single quotes, `>` inside a value, entities and character references, comments and a
    /// CDATA section in between, an empty ExtrinsicObject, and objects that are not documents.
    @Test func readsAwkwardButWellFormedMarkup() {
        let answer = """
            <?xml version="1.0"?>
            <!-- <ExtrinsicObject> in a comment is not an object -->
            <q:AdhocQueryResponse xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="Success">
              <RegistryObjectList xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
                <ExtrinsicObject title='a > b' id="urn:uuid:1" home='urn:oid:1.2.3'>
                  <ExternalIdentifier value='9990000018^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO'
                      identificationScheme = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427" id="e1"/>
                  <![CDATA[ <ExternalIdentifier value="no" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"/> ]]>
                  <Slot name="urn:ihe:iti:xds:2013:referenceIdList"><ValueList>
                    <Value>1.2.826.0.1.3680043.10.1^^^^urn:ihe:iti:xds:2016:studyInstanceUID</Value>
                    <Value>ACC-1^^^^urn:ihe:iti:xds:2013:accession</Value>
                    <Value> 1.2.826.0.1.3680043.10.2^^^^urn:ihe:iti:xds:2016:studyInstanceUID </Value>
                  </ValueList></Slot>
                  <Slot name="repositoryUniqueId"><ValueList><Value>1.2.&#51;.9</Value></ValueList></Slot>
                  <ExternalIdentifier identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"
                      value="1.2.3.4&#x2E;5" id="e2"/>
                </ExtrinsicObject>
                <ExtrinsicObject id="urn:uuid:2"/>
                <RegistryPackage id="urn:uuid:3">
                  <ExternalIdentifier identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="ss"/>
                </RegistryPackage>
              </RegistryObjectList>
            </q:AdhocQueryResponse>
            """
        let facts = QueryAnswerFacts.scan(Array(answer.utf8))
        #expect(
            facts.entries == [
                QueryAnswerFacts.Entry(
                    documentUniqueID: "1.2.3.4.5",
                    repositoryUniqueID: "1.2.3.9",
                    home: "urn:oid:1.2.3",
                    patientID: "9990000018^^^&2.16.840.1.113883.2.1.4.1&ISO",
                    studyInstanceUIDs: ["1.2.826.0.1.3680043.10.1", "1.2.826.0.1.3680043.10.2"]
                ),
                QueryAnswerFacts.Entry(),
            ]
        )
    }

    /// Truncated or odd input never traps and gives no invented facts.
    @Test(arguments: [
        "", "<", "<ExtrinsicObject", "<ExtrinsicObject id='", "<ExtrinsicObject><Slot name=\"repositoryUniqueId\"><Value>1",
        "<!--", "<![CDATA[", "<?xml", "&amp;<ExtrinsicObject/>&",
    ])
    func toleratesTruncatedInput(_ text: String) {
        let facts = QueryAnswerFacts.scan(Array(text.utf8))
        for entry in facts.entries {
            #expect(entry.documentUniqueID == nil && entry.patientID == nil && entry.repositoryUniqueID == nil)
        }
    }
}
