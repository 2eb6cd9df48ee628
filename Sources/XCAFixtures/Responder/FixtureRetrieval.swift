import XCAModel

/// The answer of a fixture repository or Imaging Document Source to ITI-39, RAD-69 or RAD-75: the
/// RetrieveDocumentSetResponse, whose found documents are `.attachment` contents, and the attachments they name,
/// in the same order.
public struct FixtureRetrieval: Sendable {
    public var response: RetrieveDocumentSetResponse
    public var attachments: [FixtureAttachment]

    public init(response: RetrieveDocumentSetResponse, attachments: [FixtureAttachment]) {
        self.response = response
        self.attachments = attachments
    }
}
