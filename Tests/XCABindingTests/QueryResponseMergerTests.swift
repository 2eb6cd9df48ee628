import Foundation
import NIOCore
import Testing
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

@Suite("ITI-38 streaming merge of community responses")
struct QueryResponseMergerTests {
    static let a = HomeCommunityID(rawValue: "urn:oid:1.1.1")
    static let b = HomeCommunityID(rawValue: "urn:oid:2.2.2")
    static let c = HomeCommunityID(rawValue: "urn:oid:1.3.3.3")
    static let d = HomeCommunityID(rawValue: "urn:oid:1.4.4.4")

    static let approved = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
    static let stableDocument = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"

    /// Community A: a bare LeafClass response, rim as the default namespace; one document without `home`, one with
    /// `home=""`, a submission set with its home, an association without.
    static let leafClass = """
        <?xml version="1.0" encoding="UTF-8"?>
        <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
            status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success">
          <RegistryObjectList xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
            <ExtrinsicObject id="urn:uuid:a1" mimeType="application/dicom" objectType="\(stableDocument)" status="\(approved)">
              <Slot name="creationTime"><ValueList><Value>20240101120000</Value></ValueList></Slot>
              <Slot name="repositoryUniqueId"><ValueList><Value>1.1.1.9</Value></ValueList></Slot>
              <Name><LocalizedString xml:lang="en-GB" charset="UTF-8" value="CT head &amp; neck"/></Name>
              <Classification id="urn:uuid:a1-class" classificationScheme="urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a"
                  classifiedObject="urn:uuid:a1" nodeRepresentation="IMG" home="">
                <Slot name="codingScheme"><ValueList><Value>1.2.840.10008.2.16.4</Value></ValueList></Slot>
              </Classification>
              <ExternalIdentifier id="urn:uuid:a1-uid" registryObject="urn:uuid:a1"
                  identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="1.2.3.4.5"/>
            </ExtrinsicObject>
            <ExtrinsicObject id="urn:uuid:a2" home="" mimeType="application/dicom" objectType="\(stableDocument)"/>
            <RegistryPackage id="urn:uuid:a3" home="urn:oid:1.1.1"/>
            <Association id="urn:uuid:a4" associationType="urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
                sourceObject="urn:uuid:a3" targetObject="urn:uuid:a1"/>
          </RegistryObjectList>
        </query:AdhocQueryResponse>
        """

    /// Community B: an ObjectRef response in an envelope, rim bound to `ns2` on an ancestor of the list; b1 repeats,
    /// and a1 appears again (another community's object of the same id).
    static let objectRef = """
        <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">
          <env:Header>
            <wsa:Action env:mustUnderstand="true">urn:ihe:iti:2007:CrossGatewayQueryResponse</wsa:Action>
            <wsa:RelatesTo>urn:uuid:0b8e4c1e-3d9f-4a55-9a0a-5b1d0c2e7f10</wsa:RelatesTo>
          </env:Header>
          <env:Body>
            <ns3:AdhocQueryResponse xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
                xmlns:ns2="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" status="Success">
              <ns2:RegistryObjectList>
                <ns2:ObjectRef id="urn:uuid:b1"/>
                <ns2:ObjectRef id="urn:uuid:b2" home="urn:oid:2.2.2"/>
                <ns2:ObjectRef id="urn:uuid:b1"/>
                <ns2:ObjectRef id="urn:uuid:a1"/>
              </ns2:RegistryObjectList>
            </ns3:AdhocQueryResponse>
          </env:Body>
        </env:Envelope>
        """

    /// Community C: PartialSuccess with errors (one without location, the list in no namespace), its own document,
    /// and A's a1 under A's home (a duplicate across communities).
    static let withErrors = """
        <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
            xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
            status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess">
          <RegistryErrorList highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error">
            <RegistryError errorCode="XDSUnknownPatientId" codeContext="unknown patient"
                severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/>
            <RegistryError errorCode="XDSRegistryError" codeContext="index rebuilding" location="urn:oid:1.3.3.3"
                severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"/>
          </RegistryErrorList>
          <rim:RegistryObjectList>
            <rim:ExtrinsicObject id="urn:uuid:c1" home="urn:oid:1.3.3.3" mimeType="text/xml" objectType="\(stableDocument)"/>
            <rim:ExtrinsicObject id="urn:uuid:a1" home="urn:oid:1.1.1" mimeType="text/xml" objectType="\(stableDocument)"/>
          </rim:RegistryObjectList>
        </query:AdhocQueryResponse>
        """

    /// Community D: a SOAP fault.
    static let fault = SOAPEnvelopeWriter.write(
        SOAPFault(code: .receiver, reason: "registry unavailable"),
        relatesTo: "urn:uuid:1"
    )

    static let responseAddressing = AddressingHeaders(
        action: Transaction.iti38.responseAction,
        messageID: "urn:uuid:6f1d2a0c-8b7e-4c55-9a3e-2d1f0e9c8b7a",
        relatesTo: ["urn:uuid:0b8e4c1e-3d9f-4a55-9a0a-5b1d0c2e7f10"]
    )

    /// The caller's federation policy: drop XDSUnknownPatientId, keep the rest with the community as location;
    /// a community that faulted is reported unavailable.
    static func applyPolicy(_ summary: CommunityResponseSummary, to merger: inout QueryResponseMerger) {
        if summary.fault != nil {
            merger.addErrors(
                [RegistryError(.unavailableCommunity, codeContext: "the community answered with a SOAP fault")],
                location: summary.community
            )
        } else {
            merger.addErrors(summary.errors.filter { $0.code != .unknownPatientID }, location: summary.community)
        }
    }

    static func joined(_ chunks: [[UInt8]]) -> [UInt8] { chunks.flatMap { $0 } }

    static func idsAndHomes(_ response: CrossGatewayQueryResponse) -> [String] {
        response.registryObjects.map { "\($0.id?.rawValue ?? "-") \($0.element.attribute("home") ?? "-")" }
    }

    // MARK: Merging

    @Test func mergesFourCommunitiesStampingHomesAndDroppingDuplicates() throws {
        var merger = QueryResponseMerger()
        let summaryA = try merger.add(Array(Self.leafClass.utf8), from: Self.a)
        let summaryB = try merger.add(ByteBuffer(string: Self.objectRef), from: Self.b)
        let summaryC = try merger.add(Array(Self.withErrors.utf8), from: Self.c)
        let summaryD = try merger.add(Self.fault, from: Self.d)

        #expect(
            summaryA
                == CommunityResponseSummary(
                    community: Self.a,
                    answer: .response(status: .success, errors: []),
                    objectsMerged: 4,
                    homesStamped: 3
                )
        )
        #expect(summaryB.status == .success)
        #expect(summaryB.objectsMerged == 3)
        #expect(summaryB.homesStamped == 2)
        #expect(summaryB.duplicatesDropped == 1)
        #expect(summaryC.status == .partialSuccess)
        #expect(summaryC.errors.map(\.code) == [.unknownPatientID, .registryError])
        #expect(summaryC.errors[0].location == nil)  // reported as sent
        #expect(summaryC.objectsMerged == 1)
        #expect(summaryC.homesStamped == 0)
        #expect(summaryC.duplicatesDropped == 1)
        #expect(summaryD.fault?.reason == "registry unavailable")
        #expect(summaryD.status == nil)
        #expect(summaryD.objectsMerged == 0)
        #expect(merger.errors.isEmpty)  // nothing merged until the policy says so

        for summary in [summaryA, summaryB, summaryC, summaryD] { Self.applyPolicy(summary, to: &merger) }
        #expect(merger.objectCount == 8)

        let merged = Self.joined(try merger.finish(addressing: Self.responseAddressing))
        try ConformanceOutput.write(name: "iti38-merged.xml", bytes: merged)
        let (header, response) = try CrossGatewayQueryResponse.decode(merged)
        #expect(header?.addressing.action == Transaction.iti38.responseAction)
        #expect(header?.addressing.relatesTo == Self.responseAddressing.relatesTo)
        #expect(response.status == .partialSuccess)
        #expect(
            Self.idsAndHomes(response) == [
                "urn:uuid:a1 urn:oid:1.1.1", "urn:uuid:a2 urn:oid:1.1.1", "urn:uuid:a3 urn:oid:1.1.1",
                "urn:uuid:a4 urn:oid:1.1.1",
                "urn:uuid:b1 urn:oid:2.2.2", "urn:uuid:b2 urn:oid:2.2.2", "urn:uuid:a1 urn:oid:2.2.2",
                "urn:uuid:c1 urn:oid:1.3.3.3",
            ]
        )
        #expect(
            response.registryObjects.map(\.kind) == [
                .extrinsicObject, .extrinsicObject, .registryPackage, .association, .objectRef, .objectRef, .objectRef,
                .extrinsicObject,
            ]
        )
        #expect(
            response.errors == [
                RegistryError(
                    .registryError,
                    codeContext: "index rebuilding",
                    location: "urn:oid:1.3.3.3",
                    severity: .warning
                ),
                RegistryError(
                    .unavailableCommunity,
                    codeContext: "the community answered with a SOAP fault",
                    location: "urn:oid:1.4.4.4"
                ),
            ]
        )

        // The copied object is the source object, plus its home: nothing else changed.
        let (_, source) = try CrossGatewayQueryResponse.decode(Array(Self.leafClass.utf8))
        var expected = source.registryObjects[0]
        expected.home = Self.a
        #expect(response.registryObjects[0] == expected)
        #expect(response.registryObjects[0].name == "CT head & neck")
        // Only the copied root is stamped, not the objects inside it.
        #expect(response.registryObjects[0].classifications.first?.element.attribute("home") == "")

        let bare = Self.joined(try merger.finishBare())
        try ConformanceOutput.write(name: "iti38-merged-bare.xml", bytes: bare)
        let (bareHeader, bareResponse) = try CrossGatewayQueryResponse.decode(bare)
        #expect(bareHeader == nil)
        #expect(bareResponse == response)
    }

    @Test func namespacesOfCopiedObjectsAreDeclaredOnlyWhereNeeded() throws {
        var merger = QueryResponseMerger()
        _ = try merger.add(Array(Self.objectRef.utf8), from: Self.b)
        _ = try merger.add(Array(Self.withErrors.utf8), from: Self.c)
        let xml = String(decoding: Self.joined(try merger.finishBare()), as: UTF8.self)
        // B's objects keep their ns2 prefix, declared on each (its declaration was on an ancestor not copied);
        // C's rim-prefixed object needs no declaration: rim is bound on the merged list's ancestors.
        #expect(
            xml.contains(
                #"<ns2:ObjectRef id="urn:uuid:b1" home="urn:oid:2.2.2" xmlns:ns2="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/>"#
            )
        )
        #expect(xml.contains(#"<rim:ExtrinsicObject id="urn:uuid:c1" home="urn:oid:1.3.3.3""#))
        #expect(xml.occurrences(of: "xmlns:rim=") == 1)
    }

    @Test func statusIsDerivedFromWhatWasMergedAndTheErrorsAdded() throws {
        // Success: results, no errors (a warning does not downgrade).
        var success = QueryResponseMerger()
        _ = try success.add(Array(Self.leafClass.utf8), from: Self.a)
        success.addErrors([RegistryError(.registryError, codeContext: "slow", severity: .warning)], location: Self.a)
        #expect(try CrossGatewayQueryResponse.decode(Self.joined(success.finishBare())).response.status == .success)

        // Failure: the only answers were an unknown patient (dropped by the policy) and a fault.
        var failure = QueryResponseMerger()
        let unknown = """
            <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
                status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure">
              <rs:RegistryErrorList xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
                <rs:RegistryError errorCode="XDSUnknownPatientId" codeContext="unknown" location="urn:oid:1.3.3.3"
                    severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/>
              </rs:RegistryErrorList>
              <rim:RegistryObjectList xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/>
            </query:AdhocQueryResponse>
            """
        let summaryC = try failure.add(Array(unknown.utf8), from: Self.c)
        #expect(summaryC.status == .failure)
        Self.applyPolicy(summaryC, to: &failure)
        Self.applyPolicy(try failure.add(Self.fault, from: Self.d), to: &failure)
        let failed = Self.joined(try failure.finish(addressing: Self.responseAddressing))
        try ConformanceOutput.write(name: "iti38-merged-failure.xml", bytes: failed)
        let failedResponse = try CrossGatewayQueryResponse.decode(failed).response
        #expect(failedResponse.status == .failure)
        #expect(failedResponse.registryObjects.isEmpty)
        #expect(failedResponse.errors.map(\.code) == [.unavailableCommunity])

        // Nothing found anywhere and no errors: Success with an empty list.
        var empty = QueryResponseMerger()
        Self.applyPolicy(try empty.add(Array(unknown.utf8), from: Self.c), to: &empty)
        let nothing = try CrossGatewayQueryResponse.decode(Self.joined(empty.finishBare())).response
        #expect(nothing.status == .success)
        #expect(nothing.registryObjects.isEmpty)

        // An explicit status wins.
        #expect(
            try CrossGatewayQueryResponse.decode(Self.joined(success.finishBare(status: .partialSuccess))).response
                .status == .partialSuccess
        )
    }

    @Test func deduplicationCanBeByIDOrOff() throws {
        func merged(_ deduplication: QueryResponseMerger.Deduplication) throws -> [String] {
            var merger = QueryResponseMerger(deduplication: deduplication)
            for (answer, community) in [(Self.leafClass, Self.a), (Self.objectRef, Self.b), (Self.withErrors, Self.c)] {
                _ = try merger.add(Array(answer.utf8), from: community)
            }
            let response = try CrossGatewayQueryResponse.decode(Self.joined(merger.finishBare())).response
            #expect(response.registryObjects.count == merger.objectCount)
            return response.registryObjects.compactMap(\.id?.rawValue)
        }
        #expect(
            try merged(.off) == [
                "urn:uuid:a1", "urn:uuid:a2", "urn:uuid:a3", "urn:uuid:a4", "urn:uuid:b1", "urn:uuid:b2", "urn:uuid:b1",
                "urn:uuid:a1", "urn:uuid:c1", "urn:uuid:a1",
            ]
        )
        #expect(
            try merged(.byIDAndHome) == [
                "urn:uuid:a1", "urn:uuid:a2", "urn:uuid:a3", "urn:uuid:a4", "urn:uuid:b1", "urn:uuid:b2", "urn:uuid:a1",
                "urn:uuid:c1",
            ]
        )
        #expect(
            try merged(.byID) == [
                "urn:uuid:a1", "urn:uuid:a2", "urn:uuid:a3", "urn:uuid:a4", "urn:uuid:b1", "urn:uuid:b2", "urn:uuid:c1",
            ]
        )
    }

    @Test func aBrokenAnswerIsThrownAndLeavesTheMergeUntouched() throws {
        var merger = QueryResponseMerger()
        _ = try merger.add(Array(Self.leafClass.utf8), from: Self.a)
        let before = try merger.finishBare()

        // Broken after two of its objects were copied.
        var truncated = Array(Self.objectRef.utf8)
        let cut = try #require(Self.objectRef.range(of: #"<ns2:ObjectRef id="urn:uuid:b1"/>"#, options: .backwards))
        truncated.removeSubrange(Self.objectRef.utf8.distance(from: Self.objectRef.startIndex, to: cut.upperBound)...)
        #expect(throws: XMLError.self) { try merger.add(truncated, from: Self.b) }

        let request = #"<q:AdhocQueryRequest xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"/>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) { try merger.add(Array(request.utf8), from: Self.b) }
        let soap11 = #"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#
        #expect(throws: BindingError(.unsupportedMessage, "")) { try merger.add(Array(soap11.utf8), from: Self.b) }
        #expect(throws: XMLError.self) { try merger.add([UInt8](), from: Self.b) }

        #expect(merger.objectCount == 4)
        #expect(try merger.finishBare() == before)
        // The keys of the broken answer were not kept either: b1 merges now.
        let summary = try merger.add(Array(Self.objectRef.utf8), from: Self.b)
        #expect(summary.objectsMerged == 3)
    }

    // MARK: Size

    /// A LeafClass response of `count` documents of about 1.5 KB each, without `home`.
    static func largeResponse(count: Int, prefix: String) -> [UInt8] {
        var xml = """
            <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \
            xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success">\
            <rim:RegistryObjectList>
            """
        for index in 0..<count {
            let id = "urn:uuid:\(prefix)-\(index)"
            xml +=
                #"<rim:ExtrinsicObject id="\#(id)" mimeType="application/dicom" objectType="\#(stableDocument)" status="\#(approved)">"#
            for slot in [
                "creationTime", "serviceStartTime", "serviceStopTime", "languageCode", "repositoryUniqueId",
                "sourcePatientId",
            ] {
                xml +=
                    #"<rim:Slot name="\#(slot)"><rim:ValueList><rim:Value>\#(slot)-\#(index)-value</rim:Value></rim:ValueList></rim:Slot>"#
            }
            xml += #"<rim:Name><rim:LocalizedString xml:lang="en-GB" value="Study \#(index)"/></rim:Name>"#
            xml +=
                #"<rim:Classification id="\#(id)-c" classificationScheme="urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a" classifiedObject="\#(id)" nodeRepresentation="IMG"/>"#
            xml +=
                #"<rim:ExternalIdentifier id="\#(id)-e" registryObject="\#(id)" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="1.2.826.0.1.\#(index)"/>"#
            xml += "</rim:ExtrinsicObject>"
        }
        xml += "</rim:RegistryObjectList></query:AdhocQueryResponse>"
        return Array(xml.utf8)
    }

    @Test func mergingTwoLargeAnswersKeepsEveryBufferSmall() throws {
        let first = Self.largeResponse(count: 2_000, prefix: "first")
        let second = Self.largeResponse(count: 2_000, prefix: "second")
        #expect(first.count > 2 << 20)  // each answer alone is larger than any buffer may be

        var merger = QueryResponseMerger()
        let one = try merger.add(first, from: Self.a)
        let two = try merger.add(second, from: Self.b)
        #expect(one.objectsMerged == 2_000 && one.homesStamped == 2_000)
        #expect(two.objectsMerged == 2_000 && two.homesStamped == 2_000)
        #expect(merger.largestChunk > 0)
        #expect(merger.largestChunk <= 1 << 20)
        #expect(merger.byteCount > 4 << 20)

        let chunks = try merger.finish(addressing: Self.responseAddressing)
        #expect(chunks.count > 16)
        #expect(chunks.allSatisfy { $0.count <= 1 << 20 })
        let merged = Self.joined(chunks)
        let response = try CrossGatewayQueryResponse.decode(merged).response
        #expect(response.registryObjects.count == 4_000)
        #expect(response.status == .success)
        #expect(response.registryObjects.prefix(2_000).allSatisfy { $0.home == Self.a })
        #expect(response.registryObjects.suffix(2_000).allSatisfy { $0.home == Self.b })
        #expect(response.registryObjects.allSatisfy { $0.slots.count == 6 && $0.classifications.count == 1 })
        #expect(Set(response.registryObjects.compactMap(\.id)).count == 4_000)
    }

    @Test func chunksFollowTheChunkSize() throws {
        var merger = QueryResponseMerger(chunkSize: 8 << 10)
        _ = try merger.add(Self.largeResponse(count: 200, prefix: "x"), from: Self.a)
        _ = try merger.add(Array(Self.leafClass.utf8), from: Self.c)
        // One object is about 1.5 KB: a chunk is cut at the first object that reaches 8 KiB.
        #expect(merger.largestChunk <= (8 << 10) + (2 << 10))
        let chunks = try merger.finishBare()
        #expect(chunks.count > 30)
        #expect(try CrossGatewayQueryResponse.decode(Self.joined(chunks)).response.registryObjects.count == 204)
    }
}
