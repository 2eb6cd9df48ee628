/// The body of RAD-69 Retrieve Imaging Document Set and RAD-75 Cross Gateway Retrieve Imaging Document Set:
/// `xdsi:RetrieveImagingDocumentSetRequest` (RAD TF-3 4.69.4.1.2, 4.75.4.1.2; XDSI.b_ImagingDocumentSource.xsd).
public struct RetrieveImagingDocumentSetRequest: Hashable, Sendable {
    /// `xdsi:StudyRequest` (1..n).
    public var studies: [StudyRequest]
    /// `xdsi:TransferSyntaxUIDList/xdsi:TransferSyntaxUID` (1..n), in the consumer's order of preference.
    public var transferSyntaxUIDs: [TransferSyntaxUID]

    public init(studies: [StudyRequest], transferSyntaxUIDs: [TransferSyntaxUID]) {
        self.studies = studies
        self.transferSyntaxUIDs = transferSyntaxUIDs
    }

    /// Every DocumentRequest of every series of every study, in document order.
    public var allDocumentRequests: [DocumentRequest] {
        studies.flatMap { $0.series.flatMap(\.documents) }
    }
}
