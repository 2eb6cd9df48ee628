import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

extension TransportError {
    /// Maps an AsyncHTTPClient / NIO / NIOSSL error to a transport error about `host`.
    init(clientError error: any Error, host: String, duringBody: Bool, file: String = #fileID, line: Int = #line) {
        let place = host.isEmpty ? "" : " (\(host))"
        switch error {
        case let error as TransportError:
            self = error
        case let error as HTTPClientError:
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                self.init(.deadlineExceeded, "the deadline passed\(place)", file: file, line: line)
            case .connectTimeout, .getConnectionFromPoolTimeout:
                self.init(.connect, "no connection within the connect timeout\(place)", file: file, line: line)
            case .tlsHandshakeTimeout:
                self.init(.tlsHandshake, "the TLS handshake timed out\(place)", file: file, line: line)
            case .remoteConnectionClosed, .bodyLengthMismatch:
                self.init(
                    duringBody ? .bodyTruncated : .connectionFailed,
                    "the connection closed before the response was complete\(place)",
                    file: file,
                    line: line
                )
            case .cancelled:
                self.init(.cancelled, "the call was cancelled\(place)", file: file, line: line)
            case .alreadyShutdown:
                self.init(.shutdown, "the client is shut down", file: file, line: line)
            case .invalidURL, .emptyHost, .emptyScheme:
                self.init(.invalidRequest, "the URL cannot be called", file: file, line: line)
            default:
                self.init(.connectionFailed, "HTTP exchange failed\(place): \(error)", file: file, line: line)
            }
        case let error as HTTPParserError:
            if duringBody, case .invalidEOFState = error {
                self.init(
                    .bodyTruncated,
                    "the connection closed before the response body ended\(place)",
                    file: file,
                    line: line
                )
            } else {
                self.init(
                    .connectionFailed,
                    "the response is not valid HTTP/1.1\(place): \(error)",
                    file: file,
                    line: line
                )
            }
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            self.init(.tlsHandshake, "the server certificate does not name the host\(place)", file: file, line: line)
        case let error as NIOSSLError:
            switch error {
            case .uncleanShutdown:
                self.init(
                    duringBody ? .bodyTruncated : .connectionFailed,
                    "the connection closed without TLS close_notify\(place)",
                    file: file,
                    line: line
                )
            default:
                self.init(.tlsHandshake, "TLS failed\(place): \(error)", file: file, line: line)
            }
        case let error as NIOSSLExtraError:
            self.init(.tlsHandshake, "TLS failed\(place): \(error)", file: file, line: line)
        case is NIOConnectionError, is IOError, ChannelError.connectTimeout:
            self.init(.connect, "cannot connect\(place)", file: file, line: line)
        case is CancellationError:
            self.init(.cancelled, "the call was cancelled\(place)", file: file, line: line)
        default:
            self.init(.connectionFailed, "the exchange failed\(place): \(type(of: error))", file: file, line: line)
        }
    }
}
