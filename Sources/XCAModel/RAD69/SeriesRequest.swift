/// `xdsi:SeriesRequest`: one series and the SOP instances requested from it, as XDS.b DocumentRequests whose
/// DocumentUniqueId is the SOP Instance UID (RAD TF-3 4.69.4.1.2).
public struct SeriesRequest: Hashable, Sendable {
    /// `@seriesInstanceUID`.
    public var seriesInstanceUID: SeriesInstanceUID
    /// `xdsb:DocumentRequest` (1..n).
    public var documents: [DocumentRequest]

    public init(seriesInstanceUID: SeriesInstanceUID, documents: [DocumentRequest]) {
        self.seriesInstanceUID = seriesInstanceUID
        self.documents = documents
    }
}
