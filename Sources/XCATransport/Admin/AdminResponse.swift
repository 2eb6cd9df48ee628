import HTTPTypes

/// The answer of an ``AdminHandler``: a small body held in memory (a metrics scrape, a probe's verdict).
package struct AdminResponse: Sendable {
    package var status: HTTPResponse.Status
    /// The `Content-Type` sent.
    package var contentType: String
    package var body: [UInt8]

    package init(status: HTTPResponse.Status, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// `text/plain; charset=utf-8`.
    package static func text(_ status: HTTPResponse.Status, _ text: String) -> AdminResponse {
        AdminResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// `application/json`.
    package static func json(_ status: HTTPResponse.Status, _ body: [UInt8]) -> AdminResponse {
        AdminResponse(status: status, contentType: "application/json", body: body)
    }
}

/// Answers one `GET` on the admin listener; `path` is the request target without its query string.
package typealias AdminHandler = @Sendable (_ path: String) async -> AdminResponse
