import XCABinding
import XCAModel

/// The ITI-38 query entity (ITI TF-2 3.18.5.1 "QueryParameters": type 2, role 24): the stored-query id in `what`,
/// the request body element — `query:AdhocQueryRequest`, its bytes only: no envelope, no SOAP header, no SAML
/// assertion — base64 in `query`, detail `QueryEncoding` = UTF-8 and the homeCommunityId when the query names one.
public struct AuditQuery: Sendable, Hashable {
    /// `rim:AdhocQuery/@id`, as sent.
    public var queryID: String
    /// The `query:AdhocQueryRequest` element's UTF-8 bytes.
    public var request: [UInt8] {
        didSet { base64 = Base64.encode(request) }
    }
    /// `request`, base64 (RFC 4648), made once and shared by every event of the request.
    public private(set) var base64: [UInt8]
    /// `urn:ihe:iti:xca:2010:homeCommunityId`: the query's `home`, or on an initiator leg the community called.
    public var homeCommunityID: HomeCommunityID?

    public init(queryID: String, request: [UInt8], homeCommunityID: HomeCommunityID?) {
        self.queryID = queryID
        self.request = request
        self.base64 = Base64.encode(request)
        self.homeCommunityID = homeCommunityID
    }
}
