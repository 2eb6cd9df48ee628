import Testing

@testable import XCASOAP

@Suite("MIMEContentType")
struct MIMEContentTypeTests {
    @Test("parses type, subtype and parameters case-insensitively, keeping value case")
    func parsesBasics() throws {
        let type = try MIMEContentType(
            parsing: "Multipart/Related; BOUNDARY=MIMEBoundary_Ab1; Type=\"application/xop+xml\""
        )
        #expect(type.type == "multipart")
        #expect(type.subtype == "related")
        #expect(type.mediaType == "multipart/related")
        #expect(type.hasMediaType("MULTIPART/related"))
        #expect(!type.hasMediaType("multipart/mixed"))
        #expect(type.boundary == "MIMEBoundary_Ab1")
        #expect(type.parameter("boundary") == "MIMEBoundary_Ab1")
        #expect(type.parameter("Boundary") == "MIMEBoundary_Ab1")
        #expect(type.typeParameter == "application/xop+xml")
        #expect(type.parameters.map(\.name) == ["boundary", "type"])
        #expect(type.parameter("start") == nil)
    }

    @Test("reads the Axis2 MTOM header of the NIST sample")
    func parsesAxis2Header() throws {
        let header =
            #"multipart/related; boundary=MIMEBoundaryurn_uuid_3D4B161591CD1DEC0C1286850962202; type="application/xop+xml"; start="<0.urn:uuid:3D4B161591CD1DEC0C1286850962203@apache.org>"; start-info="application/soap+xml"; action="urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b" "#
        let type = try MIMEContentType(parsing: header)
        #expect(type.boundary == "MIMEBoundaryurn_uuid_3D4B161591CD1DEC0C1286850962202")
        #expect(type.start == "<0.urn:uuid:3D4B161591CD1DEC0C1286850962203@apache.org>")
        #expect(type.startInfo == "application/soap+xml")
        #expect(type.action == "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b")
        #expect(type.charset == nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let mediaType: String
        let parameters: [String: String]
        var testDescription: String { input }
    }

    @Test(
        "parses",
        arguments: [
            Case(input: "text/plain", mediaType: "text/plain", parameters: [:]),
            Case(input: "  text/plain  ", mediaType: "text/plain", parameters: [:]),
            Case(input: "text / plain", mediaType: "text/plain", parameters: [:]),
            Case(input: "text/plain;charset=UTF-8", mediaType: "text/plain", parameters: ["charset": "UTF-8"]),
            Case(input: "text/plain ; charset = UTF-8 ;", mediaType: "text/plain", parameters: ["charset": "UTF-8"]),
            Case(input: "text/plain;; a=1 ;;b=2", mediaType: "text/plain", parameters: ["a": "1", "b": "2"]),
            Case(input: "text/plain;\ta=\"\"", mediaType: "text/plain", parameters: ["a": ""]),
            Case(input: #"a/b; q="x\"y\\z""#, mediaType: "a/b", parameters: ["q": #"x"y\z"#]),
            Case(
                input: #"a/b; q="semi;colon, comma=equals""#,
                mediaType: "a/b",
                parameters: ["q": "semi;colon, comma=equals"]
            ),
            Case(input: #"a/b; q="\a\b""#, mediaType: "a/b", parameters: ["q": "ab"]),
            Case(
                input: "multipart/related; type=application/xop+xml; start=<root@host>",
                mediaType: "multipart/related",
                parameters: ["type": "application/xop+xml", "start": "<root@host>"]
            ),
            Case(
                input: #"application/xop+xml; charset=UTF-8; type="application/soap+xml; action=\"urn:a\"""#,
                mediaType: "application/xop+xml",
                parameters: ["charset": "UTF-8", "type": #"application/soap+xml; action="urn:a""#]
            ),
            Case(input: "a/b; n=\"café ü\"", mediaType: "a/b", parameters: ["n": "café ü"]),
        ]
    )
    func parses(_ example: Case) throws {
        let type = try MIMEContentType(parsing: example.input)
        #expect(type.mediaType == example.mediaType)
        #expect(type.parameters.count == example.parameters.count)
        for (name, value) in example.parameters {
            #expect(type.parameter(name) == value, "parameter \(name)")
        }
        // Serialising and parsing again gives the same value.
        #expect(try MIMEContentType(parsing: type.description) == type)
    }

    @Test(
        "rejects malformed values",
        arguments: [
            "", "   ", "text", "text/", "/plain", "text/plain garbage", "text/plain; =x", "text/plain; a",
            "text/plain; a=", "text/plain; a= ;b=1", #"text/plain; a="unterminated"#, #"text/plain; a="x"y"#,
            "text/plain; a=b\"c", "text/plain; a=\u{1}", "text/plain; a=\"x\u{0}y\"", "text/plain; a=\"bad\\\u{1}\"",
            #"text/plain; a="ends with backslash\"#, "te xt/plain", "text/pl(ain)", "text/plain; na me=1",
            "text/plain, a=1",
        ]
    )
    func rejectsMalformed(_ input: String) {
        #expect(throws: MultipartError(.malformedContentType, "")) { try MIMEContentType(parsing: input) }
    }

    @Test("rejects duplicate parameters, case-insensitively")
    func rejectsDuplicates() {
        #expect(throws: MultipartError(.duplicateParameter, "")) {
            try MIMEContentType(parsing: "multipart/related; boundary=a; Boundary=\"b\"")
        }
        #expect(throws: MultipartError(.duplicateParameter, "")) {
            try MIMEContentType(type: "a", subtype: "b", parameters: [("x", "1"), ("X", "2")])
        }
    }

    @Test("serialises tokens bare and everything else quoted with escapes")
    func serialises() throws {
        let type = try MIMEContentType(
            type: "Application",
            subtype: "XOP+XML",
            parameters: [("Charset", "UTF-8"), ("type", #"application/soap+xml; action="urn:x\y""#), ("e", "")]
        )
        #expect(
            type.description
                == #"application/xop+xml; charset=UTF-8; type="application/soap+xml; action=\"urn:x\\y\""; e="""#
        )
        #expect(try MIMEContentType(parsing: type.description) == type)
    }

    @Test("builds the SOAP 1.2 type")
    func soap12() throws {
        #expect(
            try MIMEContentType.soap12(action: "urn:ihe:iti:2007:CrossGatewayQuery").description
                == #"application/soap+xml; charset=UTF-8; action="urn:ihe:iti:2007:CrossGatewayQuery""#
        )
        #expect(try MIMEContentType.soap12(action: nil).description == "application/soap+xml; charset=UTF-8")
        #expect(throws: MultipartError(.malformedContentType, "")) {
            try MIMEContentType.soap12(action: "urn:a\r\nX: y")
        }
    }

    @Test("builds the MTOM package and root part types")
    func mtom() throws {
        let type = try MIMEContentType.mtom(
            boundary: "MIMEBoundary_0123",
            startContentID: ContentID("root.1@example.org"),
            action: "urn:ihe:iti:2007:CrossGatewayRetrieve"
        )
        #expect(
            type.description
                == #"multipart/related; type="application/xop+xml"; boundary=MIMEBoundary_0123; start="<root.1@example.org>"; start-info="application/soap+xml"; action="urn:ihe:iti:2007:CrossGatewayRetrieve""#
        )
        #expect(type.start == "<root.1@example.org>")
        #expect(try MIMEContentType.mtom(boundary: "b", startContentID: ContentID("r@x"), action: nil).action == nil)
        #expect(throws: MultipartError(.invalidBoundary, "")) {
            try MIMEContentType.mtom(boundary: "", startContentID: ContentID("r@x"), action: nil)
        }

        let root = try MIMEContentType.mtomRootPart(action: "urn:ihe:iti:2007:CrossGatewayRetrieve")
        #expect(
            root.description
                == #"application/xop+xml; charset=UTF-8; type="application/soap+xml; action=\"urn:ihe:iti:2007:CrossGatewayRetrieve\"""#
        )
        let inner = try MIMEContentType(parsing: try #require(root.typeParameter))
        #expect(inner.mediaType == "application/soap+xml")
        #expect(inner.action == "urn:ihe:iti:2007:CrossGatewayRetrieve")
        #expect(try MIMEContentType.mtomRootPart(action: nil).typeParameter == "application/soap+xml")
    }

    @Test("setting replaces, appends and removes parameters")
    func setting() throws {
        let type = try MIMEContentType(parsing: "a/b; x=1; y=2")
        #expect(try type.setting("X", to: "3").description == "a/b; x=3; y=2")
        #expect(try type.setting("z", to: "4").description == "a/b; x=1; y=2; z=4")
        #expect(try type.setting("x", to: nil).description == "a/b; y=2")
        #expect(throws: MultipartError(.malformedContentType, "")) { try type.setting("x", to: "a\nb") }
    }
}
