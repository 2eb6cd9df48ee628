import NIOCore
import XCABinding
import XCAModel
import XCASOAP

/// What a fixture Responding Gateway sends back over HTTP: the status code, the Content-Type and a body that is
/// written as a stream — a plain SOAP 1.2 envelope (`application/soap+xml`: ITI-38 responses and SOAP Faults) or an
/// MTOM package (retrieve responses). The transport handler sets the headers and calls ``write(chunkSize:into:)``;
/// for the WS-Addressing asynchronous exchange it POSTs the same body to the request's ReplyTo.
public struct FixtureReply: Sendable {
    public enum Body: Sendable {
        /// `application/soap+xml`: the whole envelope.
        case envelope([UInt8])
        /// `multipart/related` MTOM package.
        case mtom(FixtureMTOMBody)
    }

    /// 200 for a response; for a SOAP Fault 400 (env:Sender) or 500 (any other code), SOAP 1.2 Part 2 §7.5.1.2.
    public let httpStatus: Int
    public let contentType: MIMEContentType
    public let body: Body
    /// The transaction answered; nil for a fault.
    public let transaction: Transaction?
    /// The status of the response's RegistryResponse; nil for a fault.
    public let status: ResponseStatus?

    public init(
        httpStatus: Int,
        contentType: MIMEContentType,
        body: Body,
        transaction: Transaction?,
        status: ResponseStatus?
    ) {
        self.httpStatus = httpStatus
        self.contentType = contentType
        self.body = body
        self.transaction = transaction
        self.status = status
    }

    /// The exact length of the body (for Content-Length).
    public var contentLength: Int {
        switch body {
        case .envelope(let bytes): bytes.count
        case .mtom(let package): package.contentLength
        }
    }

    /// Emits the body: an envelope in one buffer, an MTOM package as ``FixtureMTOMBody/write(chunkSize:into:)``
    /// does (attachments in chunks of at most `chunkSize` bytes).
    public func write(chunkSize: Int = 64 * 1024, into sink: (ByteBuffer) async throws -> Void) async throws {
        switch body {
        case .envelope(let bytes): try await sink(ByteBuffer(bytes: bytes))
        case .mtom(let package): try await package.write(chunkSize: chunkSize, into: sink)
        }
    }

    // MARK: Builders

    /// A response envelope: `application/soap+xml; charset=UTF-8; action="…"`, HTTP 200.
    public static func envelope(_ bytes: [UInt8], transaction: Transaction, status: ResponseStatus) -> FixtureReply {
        FixtureReply(
            httpStatus: 200,
            contentType: soapContentType(action: transaction.responseAction),
            body: .envelope(bytes),
            transaction: transaction,
            status: status
        )
    }

    /// A retrieve response as an MTOM package, HTTP 200; the envelope carries `addressing` (the response action
    /// and RelatesTo).
    public static func retrieve(
        _ retrieval: FixtureRetrieval,
        transaction: Transaction,
        addressing: AddressingHeaders
    ) throws -> FixtureReply {
        let envelope = try retrieval.response.encode(addressing: addressing)
        let package = try FixtureMTOMBody(
            envelope: envelope,
            attachments: retrieval.attachments,
            action: transaction.responseAction
        )
        return FixtureReply(
            httpStatus: 200,
            contentType: package.contentType,
            body: .mtom(package),
            transaction: transaction,
            status: retrieval.response.status
        )
    }

    /// A SOAP 1.2 Fault envelope (SOAP 1.2 Part 1 §5.4) with its wsa:Action and RelatesTo the request's MessageID
    /// when known — the answer to a request that cannot be served, and what the fault-injection mode `soap-fault`
    /// sends.
    public static func fault(_ fault: SOAPFault, relatesTo: String? = nil) -> FixtureReply {
        FixtureReply(
            httpStatus: fault.code == .sender ? 400 : 500,
            contentType: soapContentType(action: fault.action),
            body: .envelope(SOAPEnvelopeWriter.write(fault, relatesTo: relatesTo)),
            transaction: nil,
            status: nil
        )
    }

    /// The fault for an error thrown while decoding or answering a request: a ``SOAPFault`` as it is, a
    /// ``BindingError`` as its Sender fault, anything else a Receiver fault that does not repeat the error.
    public static func fault(for error: any Error, relatesTo: String? = nil) -> FixtureReply {
        switch error {
        case let fault as SOAPFault: return Self.fault(fault, relatesTo: relatesTo)
        case let binding as BindingError: return Self.fault(binding.soapFault, relatesTo: relatesTo)
        default:
            return Self.fault(
                .receiver("the fixture Responding Gateway could not answer the request"),
                relatesTo: relatesTo
            )
        }
    }

    /// `application/soap+xml; charset=UTF-8; action="…"`. The actions here are the fixed IHE and WS-Addressing
    /// URIs, which are always valid parameter values; the fallbacks are unreachable.
    private static func soapContentType(action: String) -> MIMEContentType {
        (try? MIMEContentType.soap12(action: action)) ?? (try? MIMEContentType.soap12(action: nil)) ?? .octetStream
    }
}
