/// SOAP 1.2 envelopes, WS-Addressing 1.0 headers, SOAP Faults and MTOM/XOP multipart reading and writing.
/// Knows nothing of IHE.
public enum XCASOAP {}
