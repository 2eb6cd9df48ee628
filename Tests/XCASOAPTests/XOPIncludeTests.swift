import NIOCore
import Testing

@testable import XCASOAP

@Suite("XOP include references")
struct XOPIncludeTests {
    @Test(
        "decodes cid: URLs",
        arguments: [
            ("cid:att1%40example.org", "att1@example.org"),
            (
                "cid:1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org",
                "1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org"
            ),
            ("CID:a@b", "a@b"),
            ("  cid:a%2Fb@c  ", "a/b@c"),
            ("cid:caf%C3%A9@x", "café@x"),
            ("cid:%3Croot@x%3E", "root@x"),
            ("cid:%2a%2B", "*+"),
        ]
    )
    func decodes(href: String, contentID: String) throws {
        #expect(try XOPInclude.contentID(fromHref: href).value == contentID)
        #expect(try XOPInclude(href: href).contentID.value == contentID)
    }

    @Test(
        "rejects hrefs that are not cid: URLs",
        arguments: ["", "cid:", "cid", "http://example.org/a", "urn:a:b", "cid :a", "mid:a@b"]
    )
    func rejectsNonCID(_ href: String) {
        #expect(throws: MultipartError(.invalidXOPHref, "")) { try XOPInclude.contentID(fromHref: href) }
    }

    @Test(
        "rejects bad percent escapes",
        arguments: ["cid:a%4", "cid:a%zz", "cid:%", "cid:a%4g", "cid:%FF@x", "cid:%C3@x", "cid:a%%41"]
    )
    func rejectsBadEscapes(_ href: String) {
        #expect(throws: MultipartError(.malformedPercentEncoding, "")) { try XOPInclude.contentID(fromHref: href) }
    }

    @Test("rejects decoded values that cannot be a Content-ID", arguments: ["cid:a%20b", "cid:a%0Db", "cid:%3C%3E"])
    func rejectsInvalidContentIDs(_ href: String) {
        #expect(throws: MultipartError(.invalidContentID, "")) { try XOPInclude.contentID(fromHref: href) }
    }

    @Test(
        "encodes what a URL cannot hold",
        arguments: [
            ("a@b", "cid:a@b"),
            ("1.urn:uuid:X@apache.org", "cid:1.urn:uuid:X@apache.org"),
            ("a/b?c#d%e\"f", "cid:a%2Fb%3Fc%23d%25e%22f"),
            ("café@x", "cid:caf%C3%A9@x"),
            ("!$&'()*+,;=-._~", "cid:!$&'()*+,;=-._~"),
        ]
    )
    func encodes(contentID: String, href: String) throws {
        let id = try ContentID(contentID)
        #expect(XOPInclude.href(forContentID: id) == href)
        #expect(XOPInclude(contentID: id).href == href)
        #expect(try XOPInclude.contentID(fromHref: href) == id)
    }

    @Test("random Content-IDs survive href encoding")
    func randomRoundTrip() throws {
        var random = SplitMix64(seed: 5)
        let alphabet = Array("abcXYZ019.-_~!$&'()*+,;=:@/?#%[]{}\"|^`é".unicodeScalars)
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<(1 + Int(random.next() % 30)) {
                text.unicodeScalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            let id = try ContentID(text)
            #expect(try XOPInclude.contentID(fromHref: XOPInclude.href(forContentID: id)) == id)
        }
    }

    @Test("resolves against the Content-IDs seen; an unknown cid is an error")
    func resolves() throws {
        let known: Set = [try ContentID("a@x"), try ContentID("b@x")]
        #expect(try XOPInclude(href: "cid:a%40x").resolve(in: known) == ContentID("a@x"))
        #expect(try XOPInclude.resolve(href: "cid:b@x", in: known) == ContentID("b@x"))
        let error = #expect(throws: MultipartError.self) { try XOPInclude.resolve(href: "cid:c@x", in: known) }
        #expect(error?.code == .unknownContentID)
        #expect(error?.message.contains("c@x") == true)

        let message = MTOMMessage(
            root: MTOMPart(headers: MIMEHeaders(), contentType: .mimeDefault, contentID: nil, body: ByteBuffer()),
            attachments: [
                MTOMAttachment(contentID: try ContentID("a@x"), contentType: .octetStream, body: ByteBuffer())
            ]
        )
        #expect(try message.attachment(for: XOPInclude(href: "cid:a@x")).contentID.value == "a@x")
        #expect(throws: MultipartError(.unknownContentID, "")) {
            try message.attachment(for: XOPInclude(href: "cid:b@x"))
        }
    }
}
