/// XML namespace URIs of the messages the gateway handles (protocol facts §2.1).
public enum Namespace {
    /// ebRIM 3.0: ExtrinsicObject, RegistryPackage, ObjectRef, Slot, Classification…
    public static let rim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"
    /// ebRS 3.0: RegistryResponse, RegistryErrorList.
    public static let rs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"
    /// ebRS 3.0 query: AdhocQueryRequest / AdhocQueryResponse.
    public static let query = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0"
    /// ebRS 3.0 life-cycle management.
    public static let lcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
    /// IHE XDS.b: RetrieveDocumentSetRequest / Response.
    public static let xdsb = "urn:ihe:iti:xds-b:2007"
    /// IHE XDS-I.b: RetrieveImagingDocumentSetRequest.
    public static let xdsi = "urn:ihe:rad:xdsi-b:2009"
    /// SOAP 1.2 envelope.
    public static let soap = "http://www.w3.org/2003/05/soap-envelope"
    /// WS-Addressing 1.0.
    public static let wsa = "http://www.w3.org/2005/08/addressing"
    /// XOP include (MTOM).
    public static let xop = "http://www.w3.org/2004/08/xop/include"
    /// The `xml:` prefix namespace (`xml:lang` on rim:LocalizedString).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}
