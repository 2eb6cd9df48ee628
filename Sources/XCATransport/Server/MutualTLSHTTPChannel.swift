import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// One accepted connection's pipeline and request loop, behind ``ReloadableTLSChannel`` (which adds the
/// NIOSSL server handler in front): HTTP/1.1 codec with header limits → ``ConnectionGuard`` → an async channel whose
/// loop reads a request, calls the ``TransportHandler`` and writes its response, one request at a time.
struct MutualTLSHTTPChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let asyncChannel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let identity: EventLoopFuture<PeerIdentity>
    }

    let limits: HTTPSServerConfiguration.Limits
    let statistics: ConnectionStatistics
    let handler: TransportHandler

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let open = statistics.connectionOpened()
            let statistics = self.statistics
            channel.closeFuture.whenComplete { _ in statistics.connectionClosed() }
            // Setup must not fail: a failed child initializer is reported on the listening channel, which ends
            // Hummingbird's accept loop. A refused connection is set up and its guard closes it as soon as it is
            // active (the channel is not yet registered while this runs).
            let refused = open > 2 * limits.maxConnections
            let overCapacity = open > limits.maxConnections
            if refused {
                statistics.connectionRefused()
            } else if overCapacity {
                statistics.connectionOverCapacity()
            }

            // Hummingbird's bootstrap allows remote half-closure. Over TLS that leaves a connection whose peer sent
            // FIN without close_notify open until NIOSSL's shutdown timeout; HTTP/1.1 callers do not half-close, so a
            // FIN ends the connection here.
            try channel.syncOptions?.setOption(ChannelOptions.allowRemoteHalfClosure, value: false)

            var decoderLimits = NIOHTTPDecoderLimitConfiguration()
            decoderLimits.maxHeaderFieldSize = limits.maxHeaderBytes
            decoderLimits.maxHeaderListSize = limits.maxHeaderBytes
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false,
                withErrorHandling: false,
                withOutboundHeaderValidation: true,
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: decoderLimits
            )
            let identity = channel.eventLoop.makePromise(of: PeerIdentity.self)
            try channel.pipeline.syncOperations.addHandler(
                ConnectionGuard(
                    settings: .init(
                        maxBodyBytes: limits.maxBodyBytes,
                        idleTimeout: TimeAmount(limits.idleTimeout),
                        requestTimeout: TimeAmount(limits.requestTimeout)
                    ),
                    admission: refused ? .refused : overCapacity ? .overCapacity : .admitted,
                    statistics: statistics,
                    identity: identity,
                    logger: logger
                )
            )
            let asyncChannel = try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                wrappingChannelSynchronously: channel
            )
            return Value(channel: channel, asyncChannel: asyncChannel, identity: identity.futureResult)
        }
    }

    /// Serves the connection in a child task and cancels it when the channel closes, so that a caller who
    /// disconnects while its request is being handled cancels the handler (and whatever it awaits: the legs to the
    /// communities) instead of letting it run to the end for nobody.
    func handle(value: Value, logger: Logger) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await serveConnection(value: value, logger: logger) }
            // Completes when the caller goes away, or when serveConnection closes the channel at its end.
            _ = try? await value.channel.closeFuture.get()
            group.cancelAll()
        }
    }

    private func serveConnection(value: Value, logger: Logger) async {
        do {
            try await withTaskCancellationHandler {
                try await value.asyncChannel.executeThenClose { inbound, outbound in
                    let peer = try await value.identity.get()
                    try await serve(
                        reader: ConnectionReader(inbound),
                        outbound: outbound,
                        peer: peer,
                        remoteAddress: value.channel.remoteAddress?.ipAddress,
                        logger: logger
                    )
                }
            } onCancel: {
                value.channel.close(promise: nil)
            }
        } catch {
            logger.trace("connection ended", metadata: ["xca.error": "\(error)"])
        }
    }

    /// The request loop: one request at a time until the caller or the server ends the connection.
    private func serve(
        reader: ConnectionReader,
        outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        peer: PeerIdentity,
        remoteAddress: String?,
        logger: Logger
    ) async throws {
        while let next = try await reader.nextHead() {
            let (head, number) = next
            let keepAlive = head.isKeepAlive
            guard let method = HTTPRequest.Method(head.method.rawValue) else {
                _ = try await write(TransportResponse(status: .badRequest), for: head, keepAlive: false, to: outbound)
                return
            }
            guard statistics.requestStarted(limit: limits.maxConcurrentRequests) else {
                // Shed: answered at once, the handler never called and the body never read. A small body is
                // discarded by the next `nextHead()` (still bounded by maxBodyBytes and requestTimeout) so the
                // connection stays usable; a large or chunked one is not worth reading: close after the answer.
                let shed = statistics.requestShed()
                logger.notice(
                    "request shed: at the concurrent request limit",
                    metadata: [
                        "xca.http.status": "503",
                        "xca.transport.limit": "\(limits.maxConcurrentRequests)",
                        "xca.transport.shed": "\(shed)",
                    ]
                )
                reader.close(number)
                let drain = head.bodyIsDrainable(upTo: Self.maxDrainedBodyBytes)
                let response = TransportResponse.overloaded(answering: head)
                guard try await write(response, for: head, keepAlive: keepAlive && drain, to: outbound) else { return }
                continue
            }
            defer { statistics.requestFinished() }
            let request = TransportRequest(
                method: method,
                path: head.uri,
                headerFields: HTTPFields(head.headers),
                peer: peer,
                remoteAddress: remoteAddress,
                body: TransportRequestBody(reader: reader, request: number)
            )
            let response: TransportResponse
            do {
                response = try await handler(request)
            } catch let error as TransportError where error.code == .bodyTooLarge || error.code == .requestTimeout {
                // The guard has answered and is closing the connection.
                return
            } catch {
                logger.debug("handler failed", metadata: ["xca.error.type": "\(type(of: error))"])
                response = TransportResponse(status: .internalServerError)
            }
            reader.close(number)
            guard try await write(response, for: head, keepAlive: keepAlive, to: outbound) else { return }
        }
    }

    /// The largest unread body of a shed request that is read and discarded to keep its connection open.
    static let maxDrainedBodyBytes = 64 * 1024

    /// Writes `response`; returns whether the connection stays open for another request.
    private func write(
        _ response: TransportResponse,
        for request: HTTPRequestHead,
        keepAlive requested: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws -> Bool {
        var keepAlive = requested
        var headers = HTTPHeaders(response.headerFields)
        let isHEAD = request.method == .HEAD
        switch response.body {
        case .bytes(let buffer):
            headers.replaceOrAdd(name: "content-length", value: String(buffer.readableBytes))
        case .stream(let length?, _):
            headers.replaceOrAdd(name: "content-length", value: String(length))
        case .stream(nil, _):
            headers.remove(name: "content-length")
            // HTTP/1.0 has no chunked framing: the end of the connection ends the body.
            if request.version.minor == 0 { keepAlive = false }
        }
        headers.remove(name: "connection")
        if !keepAlive {
            headers.add(name: "connection", value: "close")
        } else if request.version.minor == 0 {
            headers.add(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: request.version.minor == 0 ? .http1_0 : .http1_1,
            status: HTTPResponseStatus(statusCode: response.status.code, reasonPhrase: response.status.reasonPhrase),
            headers: headers
        )
        try await outbound.write(.head(head))
        switch response.body {
        case .bytes(let buffer):
            if buffer.readableBytes > 0, !isHEAD { try await outbound.write(.body(.byteBuffer(buffer))) }
        case .stream(let length, let producer):
            var writer = TransportResponseBodyWriter(outbound: outbound, discardsBody: isHEAD)
            do {
                try await producer(&writer)
            } catch {
                // Abort: close without ending the body, so the caller sees a truncated response.
                return false
            }
            if let length, writer.bytesWritten != length, !isHEAD {
                return false
            }
        }
        try await outbound.write(.end(nil))
        return keepAlive
    }
}

extension HTTPFields {
    /// The fields of a NIO header block (names the HTTP decoder already checked as tokens).
    init(_ headers: HTTPHeaders) {
        self.init()
        reserveCapacity(headers.count)
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { append(HTTPField(name: fieldName, value: value)) }
        }
    }
}

extension HTTPHeaders {
    init(_ fields: HTTPFields) {
        self.init()
        reserveCapacity(fields.count)
        for field in fields { add(name: field.name.rawName, value: field.value) }
    }
}
