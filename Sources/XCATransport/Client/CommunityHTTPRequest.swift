import HTTPTypes
import NIOCore

/// One outbound request to a community (a SOAP message, small enough to hold in memory).
package struct CommunityHTTPRequest: Sendable {
    package var method: HTTPRequest.Method
    /// An `https` URL.
    package var url: String
    package var headerFields: HTTPFields
    package var body: ByteBuffer?

    package init(
        method: HTTPRequest.Method = .post,
        url: String,
        headerFields: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) {
        self.method = method
        self.url = url
        self.headerFields = headerFields
        self.body = body
    }
}
