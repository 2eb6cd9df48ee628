import Foundation
import Testing
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

/// The merger copies objects verbatim where it can and re-serialises them where it cannot; both must give the
/// same merged response.
@Suite("ITI-38 merge: verbatim copy and its fallback")
struct QueryResponseMergerVerbatimTests {
    typealias Fixtures = QueryResponseMergerTests

    /// Merges `answers` in order, verbatim where possible or always re-serialising; returns the merger and the
    /// summaries.
    static func merge(
        _ answers: [([UInt8], HomeCommunityID)],
        verbatim: Bool,
        deduplication: QueryResponseMerger.Deduplication = .byIDAndHome
    ) throws -> (merger: QueryResponseMerger, summaries: [CommunityResponseSummary]) {
        var merger = QueryResponseMerger(deduplication: deduplication)
        merger.copiesVerbatim = verbatim
        var summaries: [CommunityResponseSummary] = []
        for (answer, community) in answers {
            let summary = try merger.add(answer, from: community)
            Fixtures.applyPolicy(summary, to: &merger)
            summaries.append(summary)
        }
        return (merger, summaries)
    }

    /// Both ways; expects the same summaries and the same decoded response, returns the verbatim merger.
    @discardableResult
    static func expectSameBothWays(
        _ answers: [([UInt8], HomeCommunityID)],
        deduplication: QueryResponseMerger.Deduplication = .byIDAndHome,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> QueryResponseMerger {
        let verbatim = try merge(answers, verbatim: true, deduplication: deduplication)
        let reserialised = try merge(answers, verbatim: false, deduplication: deduplication)
        #expect(reserialised.merger.verbatimAnswers == 0, sourceLocation: sourceLocation)
        #expect(verbatim.summaries == reserialised.summaries, sourceLocation: sourceLocation)
        #expect(verbatim.merger.objectCount == reserialised.merger.objectCount, sourceLocation: sourceLocation)
        let addressing = Fixtures.responseAddressing
        let one = try CrossGatewayQueryResponse.decode(Fixtures.joined(verbatim.merger.finish(addressing: addressing)))
        let other = try CrossGatewayQueryResponse.decode(
            Fixtures.joined(reserialised.merger.finish(addressing: addressing))
        )
        #expect(one.response == other.response, sourceLocation: sourceLocation)
        return verbatim.merger
    }

    static var testAnswers: [([UInt8], HomeCommunityID)] {
        [
            (Array(Fixtures.leafClass.utf8), Fixtures.a), (Array(Fixtures.objectRef.utf8), Fixtures.b),
            (Array(Fixtures.withErrors.utf8), Fixtures.c), (Fixtures.fault, Fixtures.d),
        ]
    }

    @Test(arguments: [QueryResponseMerger.Deduplication.off, .byIDAndHome, .byID])
    func theMergeTestsAnswersAreCopiedVerbatimWithTheSameResult(_ deduplication: QueryResponseMerger.Deduplication)
        throws
    {
        let merger = try Self.expectSameBothWays(Self.testAnswers, deduplication: deduplication)
        // A (rim as the default namespace), B (rim as ns2, in an envelope) and C verbatim; D is a fault.
        #expect(merger.verbatimAnswers == 3)
    }

    @Test func verbatimCopiesKeepTheSourceBytesAndPatchOnlyTheStartTag() throws {
        var merger = QueryResponseMerger()
        _ = try merger.add(Array(Fixtures.leafClass.utf8), from: Fixtures.a)
        _ = try merger.add(Array(Fixtures.withErrors.utf8), from: Fixtures.c)
        #expect(merger.verbatimAnswers == 2)
        let xml = String(decoding: Fixtures.joined(try merger.finishBare()), as: UTF8.self)
        // A's objects: home stamped where missing or empty, the default namespace they relied on declared.
        #expect(
            xml.contains(
                #"<ExtrinsicObject id="urn:uuid:a1" mimeType="application/dicom" objectType="\#(Fixtures.stableDocument)" status="\#(Fixtures.approved)" home="urn:oid:1.1.1" xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">"#
            )
        )
        #expect(
            xml.contains(
                #"<ExtrinsicObject id="urn:uuid:a2" home="urn:oid:1.1.1" mimeType="application/dicom" objectType="\#(Fixtures.stableDocument)" xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/>"#
            )
        )
        // Everything inside is as the community wrote it, line breaks and entity references included.
        #expect(xml.contains(#"<Name><LocalizedString xml:lang="en-GB" charset="UTF-8" value="CT head &amp; neck"/></Name>"#))
        #expect(xml.contains("classifiedObject=\"urn:uuid:a1\" nodeRepresentation=\"IMG\" home=\"\">\n"))
        // C's rim-prefixed objects need nothing.
        #expect(
            xml.contains(
                #"<rim:ExtrinsicObject id="urn:uuid:c1" home="urn:oid:1.3.3.3" mimeType="text/xml" objectType="\#(Fixtures.stableDocument)"/>"#
            )
        )
    }

    // MARK: Fallback

    /// A bare answer of community `c` with `objects` in a rim-prefixed list, in `encoding`.
    static func answer(_ objects: String, declaration: String = "") -> String {
        """
        \(declaration)<query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \
        xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" \
        status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"><rim:RegistryObjectList>\(objects)\
        </rim:RegistryObjectList></query:AdhocQueryResponse>
        """
    }

    static let objects = """
        <rim:ExtrinsicObject id="urn:uuid:e1" objectType="\(Fixtures.stableDocument)">\
        <rim:Name><rim:LocalizedString value="Müller, Zoë"/></rim:Name></rim:ExtrinsicObject>\
        <rim:ObjectRef id="urn:uuid:e2"/>
        """

    @Test func aLatin1AnswerIsReserialisedIntoUTF8() throws {
        let latin1 = Self.answer(Self.objects, declaration: #"<?xml version="1.0" encoding="ISO-8859-1"?>"#)
        let bytes = latin1.unicodeScalars.map { UInt8($0.value) }  // every scalar here is below U+0100
        let merger = try Self.expectSameBothWays([(bytes, Fixtures.c), (Array(Fixtures.leafClass.utf8), Fixtures.a)])
        #expect(merger.verbatimAnswers == 1)  // only A
        let response = try CrossGatewayQueryResponse.decode(Fixtures.joined(merger.finishBare())).response
        #expect(response.registryObjects.first?.name == "Müller, Zoë")
        #expect(response.registryObjects.prefix(2).allSatisfy { $0.home == Fixtures.c })
    }

    @Test func commentsInsideObjectsAreReserialisedAndBetweenThemCopied() throws {
        let inside = Self.answer(
            Self.objects.replacingOccurrences(of: "<rim:Name>", with: "<!-- generated --><rim:Name>")
        )
        let between = Self.answer(Self.objects.replacingOccurrences(of: "<rim:ObjectRef", with: "<!-- next --><rim:ObjectRef"))
        let insideMerger = try Self.expectSameBothWays([(Array(inside.utf8), Fixtures.c)])
        #expect(insideMerger.verbatimAnswers == 0)
        #expect(!String(decoding: Fixtures.joined(try insideMerger.finishBare()), as: UTF8.self).contains("generated"))
        let betweenMerger = try Self.expectSameBothWays([(Array(between.utf8), Fixtures.c)])
        #expect(betweenMerger.verbatimAnswers == 1)
        #expect(!String(decoding: Fixtures.joined(try betweenMerger.finishBare()), as: UTF8.self).contains("next"))
    }

    @Test func twoListsInOneResponseAreMergedInOrder() throws {
        let two = Self.answer(
            #"<rim:ObjectRef id="urn:uuid:f1"/></rim:RegistryObjectList><rim:RegistryObjectList><rim:ObjectRef id="urn:uuid:f2"/>"#
        )
        let merger = try Self.expectSameBothWays([(Array(two.utf8), Fixtures.c)])
        #expect(merger.verbatimAnswers == 1)
        let response = try CrossGatewayQueryResponse.decode(Fixtures.joined(merger.finishBare())).response
        #expect(response.registryObjects.compactMap(\.id?.rawValue) == ["urn:uuid:f1", "urn:uuid:f2"])
    }

    @Test func answersTheReaderRefusesAreRefusedTheSameWay() throws {
        var merger = QueryResponseMerger()
        _ = try merger.add(Array(Fixtures.leafClass.utf8), from: Fixtures.a)
        let before = try merger.finishBare()

        // Over a limit inside an object: the scan gives up and the reader says why.
        var limited = QueryResponseMerger(envelopeReader: SOAPEnvelopeReader(limits: XMLLimits(maxDepth: 4), requiresAction: false))
        let deep = Self.answer(#"<rim:ExtrinsicObject id="x"><rim:Name><rim:LocalizedString/></rim:Name></rim:ExtrinsicObject>"#)
        #expect(throws: XMLError(.tooDeep, "")) { try limited.add(Array(deep.utf8), from: Fixtures.c) }
        #expect(limited.objectCount == 0)

        // A second element in the Body, after an AdhocQueryResponse whose objects were found.
        let twoBodies = Fixtures.objectRef.replacingOccurrences(
            of: "</ns3:AdhocQueryResponse>",
            with: "</ns3:AdhocQueryResponse><extra/>"
        )
        #expect(throws: BindingError(.unsupportedMessage, "")) { try merger.add(Array(twoBodies.utf8), from: Fixtures.b) }
        // Not well-formed inside an object.
        let broken = Self.answer(#"<rim:ObjectRef id="a"><rim:Slot></rim:ObjectRef>"#)
        #expect(throws: XMLError(.malformed, "")) { try merger.add(Array(broken.utf8), from: Fixtures.c) }
        #expect(merger.objectCount == 4)
        #expect(merger.verbatimAnswers == 1)
        #expect(try merger.finishBare() == before)
    }

    @Test(arguments: [true, false])
    func aFailedAnswerLeavesTheChunkItContinuedAsItWas(_ verbatim: Bool) throws {
        var merger = QueryResponseMerger(chunkSize: 8 << 10)
        merger.copiesVerbatim = verbatim
        _ = try merger.add(Array(Fixtures.leafClass.utf8), from: Fixtures.a)
        let before = try merger.finishBare()
        let bytesBefore = merger.byteCount

        // Large enough that several chunks are cut before the answer turns out broken at its very end (a
        // re-serialising pass) or is found broken by the scan (then re-serialised, with the same result).
        var broken = Fixtures.largeResponse(count: 60, prefix: "late")
        broken.removeLast(30)
        #expect(throws: XMLError.self) { try merger.add(broken, from: Fixtures.b) }
        #expect(try merger.finishBare() == before)
        #expect(merger.byteCount == bytesBefore)

        // The chunk goes on being filled by the next answer.
        let summary = try merger.add(Fixtures.largeResponse(count: 60, prefix: "good"), from: Fixtures.b)
        #expect(summary.objectsMerged == 60)
        let response = try CrossGatewayQueryResponse.decode(Fixtures.joined(merger.finishBare())).response
        #expect(response.registryObjects.count == 64)
        #expect(merger.largestChunk <= (8 << 10) + (2 << 10))
    }
}
