/// The transactions of the gateway and their WS-Addressing actions (protocol facts §2.1; verified in the dcm4chee,
/// IPF and NIST WSDLs).
public enum Transaction: String, Hashable, Sendable, CaseIterable {
    /// ITI-38 Cross Gateway Query (ITI TF-2 3.38).
    case iti38 = "ITI-38"
    /// ITI-39 Cross Gateway Retrieve (ITI TF-2 3.39).
    case iti39 = "ITI-39"
    /// RAD-69 Retrieve Imaging Document Set (RAD TF-3 4.69).
    case rad69 = "RAD-69"
    /// RAD-75 Cross Gateway Retrieve Imaging Document Set (RAD TF-3 4.75).
    case rad75 = "RAD-75"

    /// The request `wsa:Action`.
    public var requestAction: String {
        switch self {
        case .iti38: "urn:ihe:iti:2007:CrossGatewayQuery"
        case .iti39: "urn:ihe:iti:2007:CrossGatewayRetrieve"
        case .rad69: "urn:ihe:rad:2009:RetrieveImagingDocumentSet"
        case .rad75: "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet"
        }
    }

    /// The response `wsa:Action` (RAD-69 answers with the XDS.b RetrieveDocumentSetResponse action).
    public var responseAction: String {
        switch self {
        case .iti38: "urn:ihe:iti:2007:CrossGatewayQueryResponse"
        case .iti39: "urn:ihe:iti:2007:CrossGatewayRetrieveResponse"
        case .rad69: "urn:ihe:iti:2007:RetrieveDocumentSetResponse"
        case .rad75: "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse"
        }
    }

    /// The transaction whose request carries this `wsa:Action`.
    public init?(requestAction: String) {
        guard let match = Self.allCases.first(where: { $0.requestAction == requestAction }) else { return nil }
        self = match
    }
}
