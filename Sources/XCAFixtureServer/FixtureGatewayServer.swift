import HTTPTypes
import Logging
import NIOCore
import ServiceLifecycle
import XCABinding
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// A fixture Responding Gateway: one community of the fixture federation answering ITI-38 and ITI-39 on `/xca` and
/// RAD-75 and RAD-69 on `/xcai`, over mutual TLS, with optional fault injection. `GET /` answers a one-line
/// plain-text description (for probes and handshake benchmarks).
package final class FixtureGatewayServer: Service, Sendable {
    package let community: FixtureCommunity
    package let faults: FaultInjection
    private let server: HTTPSServer

    /// - Parameters:
    ///   - transport: the listen address, TLS identity and trust anchors, limits. With the `expired-cert` fault the
    ///     caller passes the expired identity here (see ``FixtureServerTLS``).
    ///   - hold: awaited before each SOAP request is answered (after its body is read): tests hold a request in
    ///     flight with it.
    ///   - onListening: called with the bound port once listening.
    package init(
        community: FixtureCommunity,
        transport: HTTPSServerConfiguration,
        faults: FaultInjection = .none,
        logger: Logger = Logger(label: "xca.fixture"),
        hold: (any FixtureRequestHold)? = nil,
        onListening: (@Sendable (Int) async -> Void)? = nil
    ) throws {
        self.community = community
        self.faults = faults
        let handler = FixtureRequestHandler(
            responder: FixtureResponder(community: community),
            planner: FaultInjection.Planner(faults),
            maxBodyBytes: transport.limits.maxBodyBytes,
            logger: logger,
            hold: hold
        )
        self.server = try HTTPSServer(configuration: transport, logger: logger, onListening: onListening) { request in
            try await handler.handle(request)
        }
    }

    package var statistics: ConnectionStatistics { server.statistics }

    package func run() async throws {
        try await server.run()
    }
}
