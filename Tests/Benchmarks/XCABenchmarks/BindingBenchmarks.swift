import Benchmark
import XCABinding
import XCAModel
import XCASOAP

/// A FindDocuments ITI-38 request as a PACS sends it: SOAP 1.2 envelope, WS-Addressing, four parameters.
let findDocumentsRequest: [UInt8] = {
    let request = CrossGatewayQueryRequest(
        .findDocuments,
        parameters: [
            QueryParameter(name: "$XDSDocumentEntryPatientId", values: ["'9434765919^^^&2.16.840.1.113883.2.1.4.1&ISO'"]),
            QueryParameter(name: "$XDSDocumentEntryStatus", values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"]),
            QueryParameter(name: "$XDSDocumentEntryClassCode", values: ["('IMAGES^^1.3.6.1.4.1.19376.1.2.6.1')"]),
            QueryParameter(name: "$XDSDocumentEntryCreationTimeFrom", values: ["20200101"]),
        ]
    )
    // A force-try is acceptable in a benchmark's set-up: the input is our own.
    return try! request.encode(addressing: .request(action: Transaction.iti38.requestAction, to: "https://gw/xca"))
}()

func bindingBenchmarks() {
    Benchmark(
        "ITI-38 request: decode + validate a FindDocuments envelope",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, .instructions], scalingFactor: .kilo)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let (_, request) = try CrossGatewayQueryRequest.decode(findDocumentsRequest)
            blackHole(request.validate(location: "urn:oid:1.2.826.0.1.3680043.10.1000"))
        }
    }

    // Three community answers of a third of the large response each, merged as the gateway does (S4 shape).
    let third = SyntheticQueryResponse.make(entries: 2_300)
    let communities = [
        HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.1001"),
        HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.1002"),
        HomeCommunityID(rawValue: "urn:oid:1.2.826.0.1.3680043.10.1003"),
    ]
    Benchmark(
        "ITI-38 merge: 3 × \(third.count / 1_000_000) MB community responses → one streamed response",
        configuration: .init(scalingFactor: .one)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            var merger = QueryResponseMerger(deduplication: .off)
            for community in communities { blackHole(try merger.add(third, from: community)) }
            let chunks = try merger.finish(addressing: .request(action: Transaction.iti38.responseAction))
            blackHole(chunks.count)
        }
    }
}
