/// Namespace URIs the SOAP layer knows.
public enum SOAPNamespace {
    /// SOAP 1.2 envelope.
    public static let soap12 = "http://www.w3.org/2003/05/soap-envelope"
    /// SOAP 1.1 envelope: answered with a VersionMismatch fault.
    public static let soap11 = "http://schemas.xmlsoap.org/soap/envelope/"
    /// WS-Addressing 1.0.
    public static let addressing = "http://www.w3.org/2005/08/addressing"
    /// XOP.
    public static let xop = "http://www.w3.org/2004/08/xop/include"
    /// WS-Security 1.0 (the header XUA assertions travel in).
    public static let wsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"

    /// WS-Addressing's anonymous address: reply on the same connection (synchronous exchange).
    public static let anonymous = "http://www.w3.org/2005/08/addressing/anonymous"
    /// The action of a SOAP fault about addressing (WS-Addressing 1.0 SOAP Binding §6).
    public static let addressingFaultAction = "http://www.w3.org/2005/08/addressing/fault"
    /// The action of any other SOAP fault.
    public static let soapFaultAction = "http://www.w3.org/2005/08/addressing/soap/fault"
}
