import NIOCore
import NIOHTTP1
import Synchronization

/// The inbound parts of one connection, shared by the request loop (which reads heads) and the current request's
/// body (which the handler reads). Reads are sequential by construction — the loop reads a head, calls the handler,
/// and reads again only after the handler returned — and a try-lock turns any overlapping read (a handler that
/// escaped its body into another task) into an error instead of a data race.
final class ConnectionReader: @unchecked Sendable {
    // Guarded by `busy`.
    private var iterator: NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator
    private var current: UInt64 = 0
    private var bodyOpen = false

    private let busy = Atomic<Bool>(false)
    /// The last request whose body iterator was handed out.
    private let claimed = Atomic<UInt64>(0)
    /// The last request whose handler returned.
    private let closed = Atomic<UInt64>(0)

    init(_ inbound: NIOAsyncChannelInboundStream<HTTPServerRequestPart>) {
        self.iterator = inbound.makeAsyncIterator()
    }

    /// The next request's head (after discarding what is left of the current body); nil at the end of the
    /// connection. Returns the request's number.
    func nextHead() async throws -> (HTTPRequestHead, UInt64)? {
        try enter()
        defer { leave() }
        while bodyOpen {
            switch try await iterator.next() {
            case .body: continue
            case .end: bodyOpen = false
            case .head, nil: return nil
            }
        }
        switch try await iterator.next() {
        case .head(let head):
            current += 1
            bodyOpen = true
            return (head, current)
        case nil:
            return nil
        case .body, .end:
            throw TransportError(.connectionFailed, "a body part arrived without a request head")
        }
    }

    /// The handler of `request` returned: its body can no longer be read.
    func close(_ request: UInt64) {
        closed.store(request, ordering: .releasing)
    }

    /// Hands out the body of `request` once.
    func claimBody(of request: UInt64) -> Bool {
        var old = claimed.load(ordering: .relaxed)
        while old < request {
            let (exchanged, original) = claimed.compareExchange(
                expected: old,
                desired: request,
                ordering: .relaxed
            )
            if exchanged { return true }
            old = original
        }
        return false
    }

    func nextBodyPart(of request: UInt64) async throws -> ByteBuffer? {
        guard closed.load(ordering: .acquiring) < request else {
            throw TransportError(.bodyAlreadyConsumed, "the request body was read after the handler returned")
        }
        try enter()
        defer { leave() }
        guard request == current else {
            throw TransportError(.bodyAlreadyConsumed, "the request body was read after the handler returned")
        }
        guard bodyOpen else { return nil }
        switch try await iterator.next() {
        case .body(let buffer):
            return buffer
        case .end:
            bodyOpen = false
            return nil
        case nil:
            bodyOpen = false
            throw TransportError(.bodyTruncated, "the connection closed before the request body ended")
        case .head:
            throw TransportError(.connectionFailed, "a request head arrived inside a request body")
        }
    }

    private func enter() throws {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            throw TransportError(.bodyAlreadyConsumed, "the request body is being read by two tasks at once")
        }
    }

    private func leave() {
        busy.store(false, ordering: .releasing)
    }
}
