import XCAModel
import XCASOAP
import XCAXML

/// The gateway's two SOAP endpoints and the transactions each accepts.
public enum GatewayEndpoint: String, Sendable, CaseIterable {
    /// ITI-38 and ITI-39.
    case xca = "/xca"
    /// RAD-75 and RAD-69.
    case xcai = "/xcai"

    public var transactions: [Transaction] {
        switch self {
        case .xca: [.iti38, .iti39]
        case .xcai: [.rad75, .rad69]
        }
    }
}

/// A request the gateway serves, decoded.
public enum InboundRequest: Sendable, Hashable {
    /// ITI-38.
    case crossGatewayQuery(CrossGatewayQueryRequest)
    /// ITI-39.
    case crossGatewayRetrieve(RetrieveDocumentSetRequest)
    /// RAD-75 or RAD-69 (the transaction says which).
    case retrieveImagingDocumentSet(RetrieveImagingDocumentSetRequest)
}

/// A decoded request with its envelope header and transaction.
public struct DecodedRequest: Sendable {
    public var header: SOAPEnvelopeHeader
    public var transaction: Transaction
    public var request: InboundRequest

    /// The RegistryErrors the request's content earns (unknown stored query, missing parameters, missing or
    /// malformed homeCommunityId, bad identifiers…), each with `location`.
    public func validationErrors(location: String) -> [RegistryError] {
        switch request {
        case .crossGatewayQuery(let query): query.validate(location: location)
        case .crossGatewayRetrieve(let retrieve): retrieve.validate(location: location)
        case .retrieveImagingDocumentSet(let retrieve):
            // RAD TF-3 4.75: HomeCommunityId is required in RAD-75; RAD-69 routes on RepositoryUniqueId.
            retrieve.validate(location: location, requiringHomeCommunityID: transaction == .rad75)
        }
    }
}

/// Decodes an inbound SOAP request in one pass and dispatches it on wsa:Action (ITI TF-2 Appendix V): the envelope
/// problems become the right SOAP faults (VersionMismatch, MustUnderstand, the WS-Addressing faults, a Sender
/// fault with line and column for malformed XML); an action the endpoint does not serve is ActionNotSupported; a
/// body that is not the action's message is a ``BindingError`` (answered with a Sender fault).
public struct RequestDecoder: Sendable {
    public var envelopeReader: SOAPEnvelopeReader

    public init(envelopeReader: SOAPEnvelopeReader = SOAPEnvelopeReader()) {
        self.envelopeReader = envelopeReader
    }

    /// Decodes `bytes` (the SOAP envelope: a plain body, or an MTOM message's root part) received at `endpoint`
    /// (nil: any endpoint).
    public func decode(_ bytes: [UInt8], at endpoint: GatewayEndpoint? = nil) throws -> DecodedRequest {
        let (header, decoded) = try envelopeReader.read(bytes) { header, body -> (Transaction, InboundRequest) in
            let action = header.addressing.action ?? ""
            guard let transaction = Transaction(requestAction: action),
                endpoint.map({ $0.transactions.contains(transaction) }) ?? true
            else {
                throw SOAPFault.actionNotSupported(action)
            }
            switch transaction {
            case .iti38:
                guard body.nameEquals("AdhocQueryRequest", namespace: "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0")
                else { throw Self.wrongBody(body, expected: "query:AdhocQueryRequest", transaction) }
                return (transaction, .crossGatewayQuery(try CrossGatewayQueryRequest.read(from: body)))
            case .iti39:
                guard body.nameEquals("RetrieveDocumentSetRequest", namespace: "urn:ihe:iti:xds-b:2007") else {
                    throw Self.wrongBody(body, expected: "xdsb:RetrieveDocumentSetRequest", transaction)
                }
                return (transaction, .crossGatewayRetrieve(try RetrieveDocumentSetRequest.read(from: body)))
            case .rad69, .rad75:
                guard body.nameEquals("RetrieveImagingDocumentSetRequest", namespace: "urn:ihe:rad:xdsi-b:2009") else {
                    throw Self.wrongBody(body, expected: "xdsi:RetrieveImagingDocumentSetRequest", transaction)
                }
                return (transaction, .retrieveImagingDocumentSet(try RetrieveImagingDocumentSetRequest.read(from: body)))
            }
        }
        return DecodedRequest(header: header, transaction: decoded.0, request: decoded.1)
    }

    private static func wrongBody(_ reader: XMLStreamReader, expected: String, _ transaction: Transaction) -> BindingError {
        reader.bindingError(
            .unsupportedMessage,
            "\(transaction.rawValue) expects \(expected) in the Body, found <\(reader.qualifiedName)>"
        )
    }
}
