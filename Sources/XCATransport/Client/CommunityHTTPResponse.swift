import AsyncHTTPClient
import HTTPTypes
import NIOCore

/// A community's answer: the head, and the body as it streams in. The call's deadline still applies while the
/// body is read. Any status comes back as is (redirects are not followed); ``requireStatus(_:)`` turns an
/// unexpected one into ``TransportError/Code/httpStatus``.
package struct CommunityHTTPResponse: Sendable {
    package var status: HTTPResponse.Status
    package var headerFields: HTTPFields
    package var body: Body

    /// The response body, `ByteBuffer` by `ByteBuffer`; errors are ``TransportError``s
    /// (``TransportError/Code/deadlineExceeded``, ``TransportError/Code/bodyTruncated``…).
    package struct Body: AsyncSequence, Sendable {
        package typealias Element = ByteBuffer
        package typealias Failure = any Error

        let base: HTTPClientResponse.Body
        let host: String

        package struct AsyncIterator: AsyncIteratorProtocol {
            var base: HTTPClientResponse.Body.AsyncIterator
            let host: String

            package mutating func next() async throws -> ByteBuffer? {
                do {
                    return try await base.next()
                } catch {
                    throw TransportError(clientError: error, host: host, duringBody: true)
                }
            }
        }

        package func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(base: base.makeAsyncIterator(), host: host)
        }

        /// The whole body in one buffer; ``TransportError/Code/bodyTooLarge`` past `maxBytes`.
        package func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
            var collected = ByteBuffer()
            for try await chunk in self {
                guard collected.readableBytes + chunk.readableBytes <= maxBytes else {
                    throw TransportError(.bodyTooLarge, "the response body from \(host) exceeds \(maxBytes) bytes")
                }
                var chunk = chunk
                collected.writeBuffer(&chunk)
            }
            return collected
        }
    }

    /// Throws ``TransportError/Code/httpStatus`` unless the status is one of `expected`.
    package func requireStatus(_ expected: Set<Int> = [200]) throws {
        guard expected.contains(status.code) else {
            throw TransportError(.httpStatus, "\(body.host) answered HTTP \(status.code)")
        }
    }
}
