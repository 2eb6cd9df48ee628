import NIOCore
import Testing

@testable import XCASOAP

@Suite("MIMEHeaders and ContentID")
struct MIMEHeadersTests {
    @Test("keeps order and looks names up case-insensitively")
    func lookup() throws {
        var headers = try MIMEHeaders([
            ("Content-Type", "text/plain"), ("X-Custom", "1"), ("content-id", "<a@b>"), ("x-custom", "2"),
        ])
        #expect(headers.count == 4)
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["Content-ID"] == "<a@b>")
        #expect(headers.values(for: "X-CUSTOM") == ["1", "2"])
        #expect(headers.map(\.name) == ["Content-Type", "X-Custom", "content-id", "x-custom"])
        #expect(try headers.contentID == ContentID("a@b"))
        #expect(try headers.contentType?.mediaType == "text/plain")

        try headers.replaceOrAdd(name: "X-CUSTOM", value: "3")
        #expect(headers.values(for: "x-custom") == ["3"])
        #expect(headers.map(\.name) == ["Content-Type", "X-CUSTOM", "content-id"])
        headers.remove(name: "CONTENT-id")
        #expect(!headers.contains("Content-ID"))
        #expect(try headers.contentID == nil)
        try headers.replaceOrAdd(name: "Content-Transfer-Encoding", value: " Binary ")
        #expect(headers.contentTransferEncoding == "binary")
    }

    @Test(
        "rejects names and values that would break the header block",
        arguments: [
            ("Bad Name", "v"), ("", "v"), ("Na:me", "v"), ("Name", "a\r\nInjected: yes"), ("Name", "a\nb"),
            ("Name", "a\u{0}"),
            ("Name", "a\u{7F}"),
        ]
    )
    func rejectsInjection(name: String, value: String) {
        var headers = MIMEHeaders()
        #expect(throws: MultipartError(.malformedHeader, "")) { try headers.add(name: name, value: value) }
        #expect(headers.isEmpty)
    }

    @Test("writes Name: value CRLF lines")
    func writes() throws {
        let headers = try MIMEHeaders([("A", "1"), ("B", "x\ty")])
        var buffer = ByteBuffer()
        headers.write(to: &buffer)
        #expect(buffer.text == "A: 1\r\nB: x\ty\r\n")
    }

    @Test("Content-ID normalisation strips whitespace and angle brackets")
    func normalise() throws {
        #expect(ContentID.normalise("<a@b>") == "a@b")
        #expect(ContentID.normalise("  <a@b>\t") == "a@b")
        #expect(ContentID.normalise("< a@b >") == "a@b")
        #expect(ContentID.normalise("a@b") == "a@b")
        #expect(ContentID.normalise("<a@b") == "<a@b")
        #expect(try ContentID(headerValue: " <0.urn:uuid:3D4B@apache.org> ").value == "0.urn:uuid:3D4B@apache.org")
        #expect(try ContentID(headerValue: "<x@y>").headerValue == "<x@y>")
    }

    @Test("rejects Content-IDs that cannot be one", arguments: ["", "<>", "a b", "a<b", "a>b", "a\u{1}b"])
    func rejectsContentIDs(_ value: String) {
        #expect(throws: MultipartError(.invalidContentID, "")) { try ContentID(headerValue: value) }
    }

    @Test("rejects an over-long Content-ID")
    func rejectsLongContentID() {
        #expect(throws: MultipartError(.invalidContentID, "")) {
            try ContentID(String(repeating: "a", count: ContentID.maxLength + 1))
        }
        #expect(throws: Never.self) { try ContentID(String(repeating: "a", count: ContentID.maxLength)) }
    }

    @Test("random Content-IDs differ and are valid")
    func randomContentIDs() throws {
        let first = ContentID.random()
        let second = ContentID.random()
        #expect(first != second)
        #expect(try ContentID(first.value) == first)
        #expect(first.value.hasSuffix("@xca-gateway"))
    }
}
