import Foundation
import Testing
import XCAModel
import XCASOAP
import XCAXML

@testable import XCABinding

/// The retrieve samples of ../shared/ihe-reference/messages (iti39/ and rad/): what each one is and how to read it.
enum RetrieveSamples {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/ihe-reference/messages")

    enum Kind: String, Sendable {
        case request = "RetrieveDocumentSetRequest"
        case imagingRequest = "RetrieveImagingDocumentSetRequest"
        case response = "RetrieveDocumentSetResponse"
    }

    /// `iti39/…` and `rad/…` paths of the XML samples (the multipart .txt files are the MTOM reader's business).
    static func paths() -> [String] {
        ["iti39", "rad"].flatMap { sub in
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)) ?? []
            return names.filter { $0.hasSuffix(".xml") }.sorted().map { "\(sub)/\($0)" }
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: folder.appendingPathComponent(path)))
    }

    /// The body element's local name (the document element, or the first child of env:Body), read independently
    /// of the codecs.
    static func kind(of bytes: [UInt8]) throws -> Kind? {
        let reader = try XMLStreamReader(bytes)
        guard try reader.nextStartElement() else { return nil }
        if reader.nameEquals("Envelope", namespace: "http://www.w3.org/2003/05/soap-envelope") {
            while try reader.nextStartElement() {
                if reader.nameEquals("Body", namespace: "http://www.w3.org/2003/05/soap-envelope") {
                    guard try reader.nextStartElement() else { return nil }
                    return Kind(rawValue: reader.localName)
                }
                try reader.skipElement()
            }
            return nil
        }
        return Kind(rawValue: reader.localName)
    }

    /// The transaction a sample belongs to, from its folder and name.
    static func transaction(_ path: String) -> Transaction {
        if path.hasPrefix("iti39/") { return .iti39 }
        return path.contains("Rad69") ? .rad69 : .rad75
    }

    /// The text of every element with this local name, in document order (an oracle independent of the codecs).
    static func texts(of localName: String, in bytes: [UInt8]) throws -> [String] {
        let reader = try XMLStreamReader(bytes)
        var texts: [String] = []
        while try reader.nextStartElement() {
            if reader.localName == localName {
                texts.append(try reader.readText().trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return texts
    }

    /// NIST's RAD samples put a literal `...` where the DICOM instance goes. `replacement(n)` gives what to put in
    /// the n-th (0-based) Document instead.
    static func fillingPlaceholders(_ bytes: [UInt8], _ replacement: (Int) -> String) -> [UInt8] {
        var count = 0
        let text = String(decoding: bytes, as: UTF8.self).replacing(placeholder) { _ in
            defer { count += 1 }
            return ">" + replacement(count) + "</"
        }
        return Array(text.utf8)
    }

    static func hasPlaceholders(_ bytes: [UInt8]) -> Bool {
        String(decoding: bytes, as: UTF8.self).contains(placeholder)
    }

    /// `>...</` with optional white space before the end tag.
    nonisolated(unsafe) static let placeholder = #/>\.\.\.\s*<\//#

    static func instance(_ index: Int) -> [UInt8] {
        Array("DICM instance \(index) ".utf8) + (0..<UInt8(index % 200 + 1)).map { $0 &* 37 }
    }

    static let addressingRequestTo = "https://gateway.example.nhs.uk/xca"
    static let requestMessageID = "urn:uuid:9a7f2a31-44c1-4d6e-9c0e-7f1c2b3a4d5e"
}

@Suite("ITI-39 / RAD-69 / RAD-75 samples: decode → encode → decode")
struct ITI39SampleRoundTripTests {
    @Test func samplesArePresent() throws {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: RetrieveSamples.folder.path, isDirectory: &isFolder)
        try #require(exists && isFolder.boolValue, "sample messages not found at \(RetrieveSamples.folder.path)")
        let paths = RetrieveSamples.paths()
        var kinds: [RetrieveSamples.Kind: Int] = [:]
        for path in paths {
            if let kind = try RetrieveSamples.kind(of: RetrieveSamples.bytes(path)) { kinds[kind, default: 0] += 1 }
        }
        #expect(kinds[.request, default: 0] >= 4)
        #expect(kinds[.imagingRequest, default: 0] >= 40)
        #expect(kinds[.response, default: 0] >= 25)
    }

    @Test(arguments: RetrieveSamples.paths())
    func roundTrip(path: String) throws {
        let original = try RetrieveSamples.bytes(path)
        guard let kind = try RetrieveSamples.kind(of: original) else { return }  // not a retrieve message
        let transaction = RetrieveSamples.transaction(path)
        let stem = String(path.split(separator: "/").last ?? "").replacingOccurrences(of: ".xml", with: "")
        let name = "\(transaction.rawValue.lowercased().replacingOccurrences(of: "-", with: ""))-\(stem).xml"
        switch kind {
        case .request:
            try requestRoundTrip(original, transaction: transaction, name: name)
        case .imagingRequest:
            try imagingRequestRoundTrip(original, transaction: transaction, name: name)
        case .response:
            try responseRoundTrip(original, transaction: transaction, name: name)
        }
    }

    func requestAddressing(_ header: SOAPEnvelopeHeader?, _ transaction: Transaction) -> AddressingHeaders {
        header?.addressing
            ?? AddressingHeaders.request(
                action: transaction.requestAction,
                to: RetrieveSamples.addressingRequestTo,
                messageID: RetrieveSamples.requestMessageID
            )
    }

    func requestRoundTrip(_ original: [UInt8], transaction: Transaction, name: String) throws {
        let (header, request) = try RetrieveDocumentSetRequest.decode(original)
        #expect(
            request.documents.map(\.documentUniqueID.rawValue)
                == (try RetrieveSamples.texts(of: "DocumentUniqueId", in: original))
        )
        #expect(
            request.documents.map(\.repositoryUniqueID.rawValue)
                == (try RetrieveSamples.texts(of: "RepositoryUniqueId", in: original))
        )
        let homes = try RetrieveSamples.texts(of: "HomeCommunityId", in: original)
        #expect(request.documents.compactMap(\.homeCommunityID?.rawValue) == homes)

        let addressing = requestAddressing(header, transaction)
        let kept = header?.blocks.compactMap(\.xml) ?? []
        let encoded = try request.encode(addressing: addressing, extraHeaders: kept)
        let (again, decoded) = try RetrieveDocumentSetRequest.decode(encoded)
        #expect(decoded == request)
        #expect(again?.addressing == addressing)
        #expect(again?.blocks.map(\.localName) == header?.blocks.filter { $0.xml != nil }.map(\.localName) ?? [])
        try ConformanceOutput.write(name: name, bytes: encoded)
    }

    func imagingRequestRoundTrip(_ original: [UInt8], transaction: Transaction, name: String) throws {
        let (header, request) = try RetrieveImagingDocumentSetRequest.decode(original)
        #expect(header == nil)
        #expect(request.studies.map(\.studyInstanceUID.rawValue) == (try attributeValues("studyInstanceUID", original)))
        #expect(
            request.studies.flatMap(\.series).map(\.seriesInstanceUID.rawValue)
                == (try attributeValues("seriesInstanceUID", original))
        )
        #expect(
            request.allDocumentRequests.map(\.documentUniqueID.rawValue)
                == (try RetrieveSamples.texts(of: "DocumentUniqueId", in: original))
        )
        #expect(
            request.transferSyntaxUIDs.map(\.rawValue)
                == (try RetrieveSamples.texts(of: "TransferSyntaxUID", in: original))
        )

        let addressing = requestAddressing(header, transaction)
        let encoded = try request.encode(addressing: addressing)
        let (again, decoded) = try RetrieveImagingDocumentSetRequest.decode(encoded)
        #expect(decoded == request)
        #expect(again?.addressing == addressing)
        // The bare body written on its own reads back the same too.
        var writer = XMLWriter()
        try request.write(into: &writer)
        #expect(try RetrieveImagingDocumentSetRequest.decode(writer.bytes).request == request)
        try ConformanceOutput.write(name: name, bytes: encoded)
    }

    func responseRoundTrip(_ original: [UInt8], transaction: Transaction, name: String) throws {
        var inline = original
        var mixed = original
        if RetrieveSamples.hasPlaceholders(original) {
            // `...` is not base64: the sample as it stands is refused.
            #expect(throws: BindingError(.invalidValue, "")) { try RetrieveDocumentSetResponse.decode(original) }
            inline = RetrieveSamples.fillingPlaceholders(original) {
                Base64.encodedString(RetrieveSamples.instance($0))
            }
            mixed = RetrieveSamples.fillingPlaceholders(original) { index in
                index.isMultiple(of: 2)
                    ? #"<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:instance-\#(index)%40example.org"/>"#
                    : Base64.encodedString(RetrieveSamples.instance(index))
            }
        }
        let expectedUIDs = try RetrieveSamples.texts(of: "DocumentUniqueId", in: original)
        for (variant, bytes) in [("inline", inline), ("mixed", mixed)] {
            let (header, response) = try RetrieveDocumentSetResponse.decode(bytes)
            #expect(response.documents.map(\.documentUniqueID.rawValue) == expectedUIDs)
            #expect(response.errors.count == (try RetrieveSamples.texts(of: "RegistryError", in: original)).count)
            let addressing =
                header?.addressing
                ?? AddressingHeaders(
                    action: transaction.responseAction,
                    messageID: MessageID.random(),
                    relatesTo: [RetrieveSamples.requestMessageID]
                )
            let encoded = try response.encode(addressing: addressing)
            let (again, decoded) = try RetrieveDocumentSetResponse.decode(encoded)
            #expect(decoded == response, "\(variant)")
            #expect(again?.addressing == addressing)
            if variant == "inline" {
                try ConformanceOutput.write(name: name, bytes: encoded)
            } else if RetrieveSamples.hasPlaceholders(original) {
                let attachments = response.documents.compactMap { document -> String? in
                    if case .attachment(let id) = document.content { return id }
                    return nil
                }
                #expect(
                    attachments
                        == stride(from: 0, to: response.documents.count, by: 2).map { "instance-\($0)@example.org" }
                )
            }
        }
    }

    func attributeValues(_ name: String, _ bytes: [UInt8]) throws -> [String] {
        let reader = try XMLStreamReader(bytes)
        var values: [String] = []
        while try reader.nextStartElement() {
            if let value = reader.attribute(name) { values.append(value) }
        }
        return values
    }
}
