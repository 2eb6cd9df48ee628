import ArgumentParser
import Foundation
import NIOCore
import XCABinding
import XCAModel
import XCASOAP
import XCAXML

/// `xca-gateway inspect FILE`: reads a SOAP message the way the gateway does and reports its transaction, its
/// shape and the RegistryErrors the gateway would answer with. Never prints identifiers or values.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Read a SOAP message (plain or MTOM) as the gateway would and report what it is.",
        discussion: """
            Prints the transaction, the shape of the message (stored query, parameter names, document and study \
            counts, attachments) and the RegistryErrors or SOAP fault the gateway would answer with. Values — \
            patient identifiers, document identifiers, content — are never printed.
            Exit status: 0 the message is acceptable, 1 it earns errors or a fault, 2 it cannot be read at all.
            """
    )

    @Argument(help: "The message file: a SOAP 1.2 envelope, a bare ebRS/XDS body, or an MTOM multipart body.")
    var file: String

    @OptionGroup var state: StateOptions

    @Option(help: "The HTTP Content-Type the message came with (needed for multipart bodies that do not start with their boundary).")
    var contentType: String?

    @Option(help: "The homeCommunityId stamped as location on RegistryErrors.")
    var location = "urn:oid:2.999"

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var report = InspectReport()
        do {
            let root = try await rootPart(of: bytes, report: &report)
            try inspect(root, report: &report)
        } catch let fault as SOAPFault {
            report.fault = fault.description
        } catch let error as BindingError {
            report.fault = error.soapFault.description
        } catch let error as MultipartError {
            report.unreadable = "MTOM: \(error.message)"
        } catch let error as XMLError {
            report.unreadable = error.description
        }
        print(json ? report.json() : report.text())
        if report.unreadable != nil { throw ExitCode(2) }
        if report.fault != nil || !report.errors.isEmpty { throw ExitCode(1) }
    }

    /// The envelope bytes: the message itself, or the root part of an MTOM body.
    private func rootPart(of bytes: [UInt8], report: inout InspectReport) async throws -> [UInt8] {
        let header: MIMEContentType
        if let contentType {
            header = try MIMEContentType(parsing: contentType)
        } else if let boundary = Self.leadingBoundary(bytes) {
            header = try MIMEContentType(
                parsing: "multipart/related; type=\"application/xop+xml\"; boundary=\"\(boundary)\""
            )
        } else {
            report.framing = "plain"
            return bytes
        }
        let format = try SOAPMessageFormat(contentType: header)
        guard format == .mtom else {
            report.framing = "plain"
            return bytes
        }
        report.framing = "MTOM"
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        let message = try await MTOMMessage.read(contentType: header, body: buffer, maxAttachmentBytes: 1 << 30)
        report.attachments = message.attachments.count
        report.attachmentBytes = message.attachments.reduce(0) { $0 + $1.body.readableBytes }
        report.attachmentContentIDs = Set(message.attachments.map { $0.contentID.value })
        return Array(buffer: message.root.body)
    }

    private func inspect(_ bytes: [UInt8], report: inout InspectReport) throws {
        let (action, body) = try Self.peek(bytes)
        report.action = action
        report.body = body
        switch body {
        case "AdhocQueryRequest":
            let (_, request) = try CrossGatewayQueryRequest.decode(bytes)
            report.transaction = Transaction.iti38.rawValue
            report.shape = [
                "storedQuery": request.storedQuery?.name ?? "unknown",
                "returnType": request.returnType.rawValue,
                "home": request.home == nil ? "absent" : "present",
                "parameters": request.parameters.map(\.name).joined(separator: ", "),
            ]
            report.errors = request.validate(location: location)
        case "RetrieveDocumentSetRequest":
            let (_, request) = try RetrieveDocumentSetRequest.decode(bytes)
            report.transaction = Transaction.iti39.rawValue
            report.shape = [
                "documents": "\(request.documents.count)",
                "communities": "\(Set(request.documents.compactMap(\.homeCommunityID)).count)",
            ]
            report.errors = request.validate(location: location)
        case "RetrieveImagingDocumentSetRequest":
            let (_, request) = try RetrieveImagingDocumentSetRequest.decode(bytes)
            let isRAD69 = action == Transaction.rad69.requestAction
            report.transaction = isRAD69 ? Transaction.rad69.rawValue : Transaction.rad75.rawValue
            report.shape = [
                "studies": "\(request.studies.count)",
                "series": "\(request.studies.reduce(0) { $0 + $1.series.count })",
                "instances": "\(request.allDocumentRequests.count)",
                "transferSyntaxes": "\(request.transferSyntaxUIDs.count)",
            ]
            report.errors = request.validate(location: location, requiringHomeCommunityID: !isRAD69)
        case "AdhocQueryResponse":
            let (_, response) = try CrossGatewayQueryResponse.decode(bytes)
            report.transaction = Transaction.iti38.rawValue + " response"
            var kinds: [String: Int] = [:]
            for object in response.registryObjects { kinds["\(object.kind)", default: 0] += 1 }
            report.shape = ["status": "\(response.status)", "objects": "\(response.registryObjects.count)"]
            for (kind, count) in kinds { report.shape[kind] = "\(count)" }
            let homeless = response.registryObjects.filter { $0.home?.isValid != true }.count
            if homeless > 0 { report.shape["objectsWithoutValidHome"] = "\(homeless)" }
            report.errors = response.errors
        case "RetrieveDocumentSetResponse":
            let (_, response) = try RetrieveDocumentSetResponse.decode(bytes)
            report.transaction = "retrieve response"
            var attachments = 0
            var inline = 0
            var unresolved = 0
            for document in response.documents {
                switch document.content {
                case .attachment(let contentID):
                    attachments += 1
                    if report.framing == "MTOM", !report.attachmentContentIDs.contains(contentID) { unresolved += 1 }
                case .inline: inline += 1
                }
            }
            report.shape = [
                "status": "\(response.status)", "documents": "\(response.documents.count)",
                "xopIncludes": "\(attachments)", "inlineDocuments": "\(inline)",
            ]
            if unresolved > 0 { report.shape["xopIncludesWithoutAPart"] = "\(unresolved)" }
            report.errors = response.errors
        case "Fault":
            let fault = try SOAPEnvelopeReader(requiresAction: false).read(bytes) { _, body in try SOAPFault.read(from: body) }
            report.fault = fault.body.description
        default:
            report.unreadable = "the body element <\(body)> is not a message of ITI-38, ITI-39, RAD-69 or RAD-75"
        }
    }

    /// The wsa:Action (when there is an envelope) and the local name of the body element.
    static func peek(_ bytes: [UInt8]) throws -> (action: String?, body: String) {
        let reader = try XMLStreamReader(bytes)
        guard try reader.nextStartElement() else { return (nil, "") }
        guard reader.localName == "Envelope" else { return (nil, reader.localName) }
        var action: String?
        while try reader.nextStartElement() {
            if reader.localName == "Action", reader.namespaceURI == SOAPNamespace.addressing {
                action = try reader.readText().trimmingCharacters(in: .whitespacesAndNewlines)
            } else if reader.localName == "Body" {
                return try reader.nextStartElement() ? (action, reader.localName) : (action, "")
            }
        }
        return (action, "")
    }

    /// The boundary of a multipart body that starts with its first delimiter line.
    static func leadingBoundary(_ bytes: [UInt8]) -> String? {
        let text = bytes.prefix(1_024).drop { $0 == 0x20 || $0 == 0x0D || $0 == 0x0A || $0 == 0x09 }
        guard text.starts(with: Array("--".utf8)) else { return nil }
        let line = text.dropFirst(2).prefix { $0 != 0x0D && $0 != 0x0A }
        let boundary = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return boundary.isEmpty ? nil : boundary
    }
}
