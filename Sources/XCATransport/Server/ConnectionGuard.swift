import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOTLS

/// Enforces one connection's limits on its event loop, between the HTTP/1 codec and the request loop, and reads
/// the caller's identity when the TLS handshake completes.
///
/// - identity: on `handshakeCompleted`, the verified leaf certificate becomes a ``PeerIdentity`` (once per
///   connection) and completes `identity`.
/// - idle timeout: armed when the connection opens (bounding the TLS handshake), again when the handshake
///   completes, and whenever no request is being read or answered; firing closes the connection without a response.
/// - request timeout: from a request head to its end; firing answers 408.
/// - body limit: Content-Length over the limit is answered 413 before the handler sees the request; a streamed body
///   is counted and cut off with 413 when it passes the limit.
/// - header limit: the HTTP decoder's overflow error is answered 431; other parse errors 400.
/// - over capacity: every request is answered 503 with `Retry-After: 1`.
/// - graceful shutdown (`ChannelShouldQuiesceEvent`): idle connections close at once, busy ones after the
///   response in flight, which carries `Connection: close`.
///
/// When the guard answers itself it sends `Connection: close`, fires a ``TransportError`` into the request loop
/// (so a handler reading the body stops), drops everything the handler still writes, and closes the connection
/// once its response is flushed (NIOSSL then sends close_notify and keeps reading until the peer's arrives or its
/// shutdown timeout passes, so the caller is not reset before it reads the answer). If a response is already on
/// the wire the guard can only close the connection.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    struct Settings: Sendable {
        var maxBodyBytes: Int
        var idleTimeout: TimeAmount
        var requestTimeout: TimeAmount
    }

    /// What the connection cap decided at accept.
    enum Admission {
        case admitted
        /// Over the cap: every request is answered 503.
        case overCapacity
        /// Over twice the cap: closed as soon as the channel is active, before the TLS handshake.
        case refused
    }

    private let settings: Settings
    private let admission: Admission
    private let statistics: ConnectionStatistics
    private let identity: EventLoopPromise<PeerIdentity>
    private let logger: Logger

    private var identityResolved = false
    /// A request head arrived and its end has not.
    private var reading = false
    private var requestVersion = HTTPVersion.http1_1
    private var bodyBytes = 0
    /// Request heads whose response has not ended.
    private var unanswered = 0
    /// A final response head was written and its end was not.
    private var responding = false
    /// The guard answered or gave up: inbound parts and the handler's writes are dropped from now on.
    private var finished = false
    private var quiescing = false
    private var closeAfterResponse = false
    private var idleTimer: Scheduled<Void>?
    private var requestTimer: Scheduled<Void>?

    init(
        settings: Settings,
        admission: Admission,
        statistics: ConnectionStatistics,
        identity: EventLoopPromise<PeerIdentity>,
        logger: Logger
    ) {
        self.settings = settings
        self.admission = admission
        self.statistics = statistics
        self.identity = identity
        self.logger = logger
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { becameActive(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        becameActive(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        resolveIdentity(.failure(Self.closedBeforeHandshake))
    }

    private func becameActive(_ context: ChannelHandlerContext) {
        if case .refused = admission {
            finished = true
            context.close(promise: nil)
        } else {
            armIdleTimer(context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        resolveIdentity(.failure(Self.closedBeforeHandshake))
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            readPeerIdentity(context)
        } else if event is ChannelShouldQuiesceEvent {
            quiesce(context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !identityResolved {
            logger.debug("TLS handshake failed", metadata: ["xca.error": "\(error)"])
            resolveIdentity(.failure(TransportError(.tlsHandshake, "the TLS handshake failed")))
        }
        if finished { return }
        if let parserError = error as? HTTPParserError {
            if case .headerOverflow = parserError {
                reject(context, .requestHeaderFieldsTooLarge, "the request head is too large\n")
            } else {
                reject(context, .badRequest, "the request is not valid HTTP/1.1\n")
            }
            return
        }
        context.fireErrorCaught(error)
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if finished { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            idleTimer?.cancel()
            idleTimer = nil
            requestVersion = head.version.minor == 0 ? .http1_0 : .http1_1
            unanswered += 1
            if case .overCapacity = admission {
                reject(context, .serviceUnavailable, "the server is at its connection limit\n", retryAfter: true)
                return
            }
            if let length = head.headers.first(name: "content-length").flatMap(Int.init),
                length > settings.maxBodyBytes
            {
                reject(context, .payloadTooLarge, "the request body exceeds \(settings.maxBodyBytes) bytes\n")
                return
            }
            reading = true
            bodyBytes = 0
            requestTimer = context.eventLoop.assumeIsolated().scheduleTask(in: settings.requestTimeout) {
                self.requestTimer = nil
                self.reject(
                    context,
                    .requestTimeout,
                    "the request was not received within the request timeout\n",
                    error: TransportError(.requestTimeout, "the request was not received within the request timeout")
                )
            }
            if head.headers.first(name: "expect")?.lowercased() == "100-continue", head.version.minor >= 1 {
                let interim = HTTPResponseHead(version: .http1_1, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > settings.maxBodyBytes {
                reject(
                    context,
                    .payloadTooLarge,
                    "the request body exceeds \(settings.maxBodyBytes) bytes\n",
                    error: TransportError(.bodyTooLarge, "the request body exceeds \(settings.maxBodyBytes) bytes")
                )
                return
            }
        case .end:
            reading = false
            requestTimer?.cancel()
            requestTimer = nil
        }
        context.fireChannelRead(data)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if finished {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if head.status.code >= 200 {
                responding = true
                if quiescing {
                    head.headers.replaceOrAdd(name: "connection", value: "close")
                    closeAfterResponse = true
                }
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            responding = false
            unanswered = max(0, unanswered - 1)
            if closeAfterResponse {
                finished = true
                cancelTimers()
                let written = context.writeAndFlush(data)
                written.cascade(to: promise)
                written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            } else {
                context.write(data, promise: promise)
                if unanswered == 0 && !reading { armIdleTimer(context) }
            }
        }
    }

    // MARK: Helpers

    private func readPeerIdentity(_ context: ChannelHandlerContext) {
        do {
            let tls = try context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self)
            guard let certificate = tls.peerCertificate else {
                throw TransportError(.tlsHandshake, "the client presented no certificate")
            }
            let peer = try PeerIdentity(leafCertificateDER: certificate.toDERBytes())
            statistics.handshakeCompleted()
            resolveIdentity(.success(peer))
            // The idle time starts again once the caller is authenticated: a slow handshake does not eat into the
            // wait for the first request.
            if !reading && unanswered == 0 { armIdleTimer(context) }
        } catch {
            resolveIdentity(.failure(TransportError(.tlsHandshake, "the client certificate cannot be read")))
            finished = true
            context.close(promise: nil)
        }
    }

    private static let closedBeforeHandshake = TransportError(
        .tlsHandshake,
        "the connection closed before the TLS handshake completed"
    )

    private func resolveIdentity(_ result: Result<PeerIdentity, any Error>) {
        guard !identityResolved else { return }
        identityResolved = true
        identity.completeWith(result)
    }

    private func quiesce(_ context: ChannelHandlerContext) {
        quiescing = true
        if unanswered == 0 && !reading && !responding {
            finished = true
            cancelTimers()
            context.close(promise: nil)
        } else if responding {
            closeAfterResponse = true
        }
    }

    /// Answers the current request itself and closes the connection (see the type's documentation).
    private func reject(
        _ context: ChannelHandlerContext,
        _ status: HTTPResponseStatus,
        _ text: String,
        retryAfter: Bool = false,
        error: TransportError? = nil
    ) {
        finished = true
        cancelTimers()
        logger.debug("request refused", metadata: ["xca.http.status": "\(status.code)"])
        context.fireErrorCaught(
            error ?? TransportError(.connectionFailed, "the server refused the request (\(status.code))")
        )
        guard !responding else {
            context.close(promise: nil)
            return
        }
        var body = context.channel.allocator.buffer(capacity: text.utf8.count)
        body.writeString(text)
        var headers = HTTPHeaders([
            ("content-type", "text/plain; charset=utf-8"),
            ("content-length", "\(body.readableBytes)"),
            ("connection", "close"),
        ])
        if retryAfter { headers.add(name: "retry-after", value: "1") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: requestVersion, status: status, headers: headers))),
            promise: nil
        )
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func armIdleTimer(_ context: ChannelHandlerContext) {
        idleTimer?.cancel()
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: settings.idleTimeout) {
            self.idleTimer = nil
            guard !self.finished, self.unanswered == 0, !self.reading else { return }
            self.finished = true
            self.cancelTimers()
            context.close(promise: nil)
        }
    }

    private func cancelTimers() {
        idleTimer?.cancel()
        idleTimer = nil
        requestTimer?.cancel()
        requestTimer = nil
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}
