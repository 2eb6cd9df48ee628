import XCAXML

extension XMLLimits {
    /// Limits for reading a RetrieveDocumentSetResponse (ITI-39, ITI-43, RAD-69, RAD-75): a partner that sends
    /// documents inline puts each one in a single base64 text node (a DICOM instance is easily tens of MB), so
    /// text nodes of up to 256 MiB and documents of up to 512 MiB are accepted; every other limit is the default.
    /// Responses with MTOM attachments keep their XML part small and never come near these.
    public static let retrieveResponse = XMLLimits(maxDocumentSize: 512 << 20, maxTextLength: 256 << 20)
}
