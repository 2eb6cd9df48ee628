import Testing
import XCASOAP

/// The SOAP faults the gateway answers with, written for the conformance step (validate-soap) and read back.
@Suite("Conformance: SOAP faults")
struct ConformanceFaultTests {
    static let faults: [(String, SOAPFault)] = [
        ("fault-version-mismatch.xml", .versionMismatch(found: SOAPNamespace.soap11)),
        ("fault-must-understand.xml", .mustUnderstand([.init(namespace: "urn:example:custom", localName: "Routing")])),
        ("fault-action-not-supported.xml", .actionNotSupported("urn:ihe:iti:2007:RegistryStoredQuery")),
        ("fault-action-required.xml", .addressingHeaderRequired("Action")),
        ("fault-receiver-no-audit.xml", .receiver("the audit trail cannot be written: no audit, no access")),
        (
            "fault-sender-detail.xml",
            SOAPFault(code: .sender, reason: "the message is not acceptable", detail: "XML tooDeep at line 300, column 4")
        ),
    ]

    @Test(arguments: faults.map(\.0))
    func faultIsWrittenAndReadsBack(_ name: String) throws {
        let fault = try #require(Self.faults.first { $0.0 == name }?.1)
        let bytes = SOAPEnvelopeWriter.write(fault, relatesTo: "urn:uuid:6d8f5c2a-1b3e-4f70-9a21-0c4d5e6f7a8b")
        try ConformanceOutput.write(name: name, bytes: bytes)
        let (header, read) = try SOAPEnvelopeReader(requiresAction: false).read(bytes) { _, body in
            try SOAPFault.read(from: body)
        }
        #expect(read.code == fault.code)
        #expect(read.subcodes == fault.subcodes)
        #expect(header.addressing.relatesTo == ["urn:uuid:6d8f5c2a-1b3e-4f70-9a21-0c4d5e6f7a8b"])
    }
}
