import HummingbirdCore
import Logging
import NIOCore

/// The child channel setup of the inbound server: TLS in front of the base setup, like HummingbirdTLS's
/// `TLSChannel`, except that the TLS generation (SSL context and client verification) is taken from a
/// ``ServerTLSHolder`` for each accepted connection, so ``HTTPSServer/reloadTLS(_:)`` changes what new connections
/// get while established ones carry on.
struct ReloadableTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let tls: ServerTLSHolder

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let context = tls.context
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(context.makeHandler())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
