import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization
import XCAFixtures

/// A byte-level TLS client for the server tests: it presents a chosen identity (or none), speaks a chosen TLS
/// version, writes raw HTTP and reads until the server closes, so tests see exactly what went over the wire.
struct RawTLSClient {
    var identity: DevelopmentPKI.Identity?
    var minimumVersion: TLSVersion = .tlsv12
    var maximumVersion: TLSVersion?

    /// What one connection produced.
    struct Exchange {
        var received: String
        /// The error that ended the connection (a TLS alert, a reset), nil for a clean close.
        var error: (any Error)?
        /// The TLS version negotiated, if the handshake completed on the client's side.
        var tlsVersion: TLSVersion?
    }

    func connect(port: Int, observer: HandshakeObserver? = nil) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer>
    {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: Array(TestPKI.material.ca.certificatePEM.utf8), format: .pem)
        ])
        tls.certificateVerification = .fullVerification
        // NIOAsyncChannel stops reading once its channel closes, so the server's close_notify reply to ours is never
        // read: do not wait for it.
        tls.shutdownTimeout = .milliseconds(50)
        tls.minimumTLSVersion = minimumVersion
        tls.maximumTLSVersion = maximumVersion
        if let identity {
            tls.certificateChain = [
                .certificate(try NIOSSLCertificate(bytes: Array(identity.certificatePEM.utf8), format: .pem))
            ]
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem))
        }
        let context = try NIOSSLContext(configuration: tls)
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: "localhost")
                    )
                    if let observer { try channel.pipeline.syncOperations.addHandler(observer) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Connects, writes `request` (if any), and reads until the server closes the connection.
    func exchange(port: Int, sending request: String?) async throws -> Exchange {
        let observer = HandshakeObserver()
        let channel = try await connect(port: port, observer: observer)
        return try await channel.executeThenClose { inbound, outbound in
            var exchange = Exchange(received: "")
            do {
                if let request { try await outbound.write(ByteBuffer(string: request)) }
            } catch {
                // The server may have refused the connection already; the read below reports why.
                exchange.error = error
            }
            do {
                for try await buffer in inbound {
                    exchange.received += String(buffer: buffer)
                }
            } catch {
                exchange.error = error
            }
            exchange.tlsVersion = observer.version.withLock { $0 }
            return exchange
        }
    }
}

/// Records the TLS version the client negotiated, when its handshake completes.
final class HandshakeObserver: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let version = Mutex<TLSVersion?>(nil)
    /// The serial number of the certificate the server presented.
    let serverSerial = Mutex<[UInt8]?>(nil)
    /// Yields once when the handshake completes.
    let completed: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (completed, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event,
            let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)
        {
            version.withLock { $0 = tls.tlsVersion }
            serverSerial.withLock { $0 = tls.peerCertificate?.serialNumber }
            continuation.yield()
        }
        context.fireUserInboundEventTriggered(event)
    }
}

extension NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator {
    /// Reads until `received` holds one complete response with a Content-Length body; returns it.
    mutating func readResponse() async throws -> String {
        var received = ""
        while true {
            if let headEnd = received.range(of: "\r\n\r\n") {
                let head = received[..<headEnd.lowerBound].lowercased()
                let length =
                    head.split(separator: "\r\n")
                    .first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.utf8.count - received[..<headEnd.upperBound].utf8.count >= length { return received }
            }
            guard let buffer = try await next() else { return received }
            received += String(buffer: buffer)
        }
    }
}
