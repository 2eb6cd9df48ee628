import Foundation
import NIOCore
import Testing

@testable import XCASOAP

/// The real MTOM messages in the shared IHE reference material. Both were transcribed with LF line ends (no CR);
/// they are read as they are and, for comparison, with every LF turned back into CRLF as on the wire.
@Suite("MTOM reference samples")
struct MultipartSampleTests {
    static let pnrPath = "ihe-reference/messages/mtom/nist_http-mtom-pnr.txt"
    static let iti39Path = "ihe-reference/messages/iti39/xcads_iti39_request_mtom_multipart.txt"

    /// Splits an HTTP request into its Content-Type header and its body.
    static func httpRequest(_ bytes: [UInt8]) throws -> (contentType: MIMEContentType, body: [UInt8]) {
        let separator = try #require(
            bytes.firstRange(of: [0x0A, 0x0A]) ?? bytes.firstRange(of: [0x0D, 0x0A, 0x0D, 0x0A])
        )
        let head = String(decoding: bytes[..<separator.lowerBound], as: UTF8.self)
        let line = try #require(
            head.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("content-type:") }
        )
        let value = line.dropFirst("content-type:".count)
        return (try MIMEContentType(parsing: String(value)), Array(bytes[separator.upperBound...]))
    }

    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 20)
        for byte in bytes {
            if byte == 0x0A { output.append(0x0D) }
            output.append(byte)
        }
        return output
    }

    static func read(_ contentType: MIMEContentType, _ body: [UInt8], chunkSize: Int) async throws -> MTOMMessage {
        var reader = try MTOMReader(
            contentType: contentType,
            body: ChunkedBody(buffer: ByteBuffer(testBytes: body), chunkSize: chunkSize)
        )
        return try await reader.readMessage()
    }

    @Test(
        "NIST ProvideAndRegister MTOM request: root XOP document, xop:Include resolves to the attachment",
        arguments: [1, 7, 4096, 1 << 20]
    )
    func nistProvideAndRegister(chunkSize: Int) async throws {
        guard let bytes = SharedReference.bytes(Self.pnrPath) else { return }
        let (contentType, body) = try Self.httpRequest(bytes)
        #expect(contentType.mediaType == "multipart/related")
        #expect(contentType.startInfo == "application/soap+xml")
        #expect(contentType.action == "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b")

        let message = try await Self.read(contentType, body, chunkSize: chunkSize)
        let root = message.root
        #expect(root.contentType.mediaType == "application/xop+xml")
        #expect(root.contentType.typeParameter == "application/soap+xml")
        #expect(root.contentType.charset == "UTF-8")
        #expect(root.contentID?.value == "0.urn:uuid:3D4B161591CD1DEC0C1286850962203@apache.org")
        #expect(root.contentID?.value == contentType.start.map(ContentID.normalise))
        let xml = root.body.text
        #expect(xml.hasPrefix("<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope"))
        #expect(xml.hasSuffix("</soapenv:Envelope>"))

        let hrefs = MultipartMTOMReaderTests.hrefs(in: xml.components(separatedBy: "xop:Include").dropFirst().joined())
        #expect(hrefs.count == 1)
        let href = try #require(hrefs.first)
        let resolved = try XOPInclude.resolve(href: href, in: message.attachmentContentIDs)
        let attachment = try message.attachment(for: XOPInclude(contentID: resolved))
        #expect(attachment.contentID.value == "1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org")
        #expect(attachment.contentType.mediaType == "text/plain")
        #expect(attachment.headers.contentTransferEncoding == "binary")
        let text = attachment.body.text
        #expect(text.hasPrefix("Four score and seven years ago"))
        #expect(text.hasSuffix("shall not perish from the earth."))
        #expect(message.attachments.count == 1)
    }

    @Test("the NIST sample with CRLF line ends reads the same")
    func nistWithCRLF() async throws {
        guard let bytes = SharedReference.bytes(Self.pnrPath) else { return }
        let (contentType, body) = try Self.httpRequest(bytes)
        let lf = try await Self.read(contentType, body, chunkSize: 4096)
        for chunkSize in [1, 5, 4096] {
            let crlf = try await Self.read(contentType, Self.crlf(body), chunkSize: chunkSize)
            #expect(crlf.root.body.bytes == Self.crlf(lf.root.body.bytes))
            #expect(crlf.root.contentID == lf.root.contentID)
            #expect(crlf.attachments.map(\.contentID) == lf.attachments.map(\.contentID))
            #expect(crlf.attachments.map { $0.body.bytes } == lf.attachments.map { Self.crlf($0.body.bytes) })
        }
    }

    @Test(
        "XCA ITI-39 MTOM request: a single root part holding RetrieveDocumentSetRequest",
        arguments: [1, 13, 1 << 20]
    )
    func iti39Request(chunkSize: Int) async throws {
        guard let bytes = SharedReference.bytes(Self.iti39Path) else { return }
        // The file is only the multipart body; its first line is the delimiter, which gives the boundary.
        let firstLine = try #require(bytes.firstRange(of: [0x0A]))
        let boundary = String(decoding: bytes[2..<firstLine.lowerBound], as: UTF8.self)
        #expect(boundary == "MIMEBoundary_cab1d70f258a850f06f926ab5645aaa9111f017d951cfe8d")
        let contentType = try MIMEContentType.mtom(
            boundary: boundary,
            startContentID: ContentID("0.dab1d70f258a850f06f926ab5645aaa9111f017d951cfe8d@apache.org"),
            action: "urn:ihe:iti:2007:CrossGatewayRetrieve"
        )

        for body in [bytes, Self.crlf(bytes)] {
            let message = try await Self.read(contentType, body, chunkSize: chunkSize)
            #expect(message.root.contentType.mediaType == "application/xop+xml")
            #expect(message.root.contentID?.value == "0.dab1d70f258a850f06f926ab5645aaa9111f017d951cfe8d@apache.org")
            let xml = message.root.body.text
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"))
            #expect(xml.contains("RetrieveDocumentSetRequest"))
            #expect(xml.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</soapenv:Envelope>"))
            // A retrieve request carries no documents: no xop:Include, no attachments.
            #expect(!xml.contains("xop:Include"))
            #expect(message.attachments.isEmpty)
        }
    }
}
