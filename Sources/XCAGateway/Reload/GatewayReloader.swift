import Foundation
import Logging
import Synchronization
import XCAModel
import XCATransport

/// Reloads a running gateway from its configuration file (SIGHUP; docs/operations.md, "Reload"): the file is
/// loaded and checked exactly as at start-up, every problem at once. A refused file changes nothing: each problem is
/// logged at error level with its path, then `reload refused: N problems; the previous configuration stays in
/// force`. An accepted one is swapped in whole — communities added, removed and changed, each community's client
/// TLS, the server certificate and the client trust anchors, the query and retrieve settings — while requests
/// already running finish on the federation they started with; keys that need a restart keep their running value
/// and are named in a warning each.
package final class GatewayReloader: Sendable {
    /// What a reload did.
    package enum Outcome: Sendable {
        case applied(Summary)
        case refused([ConfigurationProblem])
    }

    /// What an applied reload changed (community names and key paths; never request data).
    package struct Summary: Sendable, Hashable {
        package var added: [String]
        package var removed: [String]
        package var changed: [String]
        /// Whose TLS material (certificate, key or trust anchors) differs from what was in force: `gateway` for the
        /// server identity, else community names.
        package var certificates: [String]
        package var needsRestart: [String]
    }

    private struct State {
        var running: GatewayConfiguration
        var server: TLSMaterialStamp
        var communities: [HomeCommunityID: TLSMaterialStamp]
    }

    package let file: String
    private let service: GatewayService
    private let state: Mutex<State>
    private let logger: Logger

    /// `running` is the configuration `service` was built from, loaded from `file`.
    package init(file: String, running: GatewayConfiguration, service: GatewayService, logger: Logger) {
        self.file = file
        self.service = service
        self.logger = logger
        self.state = Mutex(
            State(
                running: running,
                server: TLSMaterialStamp(running.gateway.tls),
                communities: Self.stamps(running)
            )
        )
    }

    /// Loads the file again and applies it, or keeps everything as it is; logs what happened either way.
    @discardableResult
    package func reload() -> Outcome {
        // One reload at a time: the lock is held while the file is read and the swap made.
        state.withLock { state in
            let loaded: GatewayConfiguration
            do throws(ConfigurationError) {
                loaded = try GatewayConfiguration.load(file: file)
            } catch {
                return refuse(error.problems)
            }
            return apply(loaded, state: &state)
        }
    }

    private func apply(_ loaded: GatewayConfiguration, state: inout State) -> Outcome {
        let reload = ConfigurationReload(running: state.running, loaded: loaded)
        let applied = reload.applied

        // Everything that can fail is built first; nothing changes until it all succeeded.
        var problems: [ConfigurationProblem] = []
        var links: [CommunityLink] = []
        for (index, community) in applied.communities.enumerated() {
            do {
                links.append(try CommunityLink(community))
            } catch {
                problems.append(ConfigurationProblem(path: "communities[\(index)].tls", message: Self.describe(error)))
            }
        }
        var federation: GatewayFederation?
        if problems.isEmpty {
            do {
                federation = try GatewayFederation(settings: GatewaySettings(applied), links: links)
            } catch {
                problems.append(ConfigurationProblem(path: "communities", message: Self.describe(error)))
            }
        }
        guard problems.isEmpty, let federation else { return refuse(problems) }
        let serverCertificate: PeerIdentity
        do {
            serverCertificate = try service.server.reloadTLS(applied.serverConfiguration.tls)
        } catch {
            return refuse([ConfigurationProblem(path: "gateway.tls", message: Self.describe(error))])
        }
        service.gateway.install(federation)
        service.observability.serverTLSReloaded(applied.serverConfiguration.tls)

        let serverStamp = TLSMaterialStamp(applied.gateway.tls)
        let communityStamps = Self.stamps(applied)
        var certificates: [String] = serverStamp == state.server ? [] : ["gateway"]
        for community in applied.communities {
            if let before = state.communities[community.homeCommunityID],
                before != communityStamps[community.homeCommunityID]
            {
                certificates.append(community.name)
            }
        }
        state = State(running: applied, server: serverStamp, communities: communityStamps)

        for warning in loaded.warnings {
            logger.warning("configuration", metadata: ["xca.config.path": "\(warning.path)", "xca.config.problem": "\(warning.message)"])
        }
        for path in reload.needsRestart {
            logger.warning(
                "reload: this key needs a restart; its running value stays in force",
                metadata: ["xca.config.path": "\(path)"]
            )
        }
        let pool = service.outboundConnectionsPerEndpoint
        for (index, community) in applied.communities.enumerated() where community.maxConcurrentRequests > pool {
            logger.warning(
                "reload: the outbound pool keeps \(pool) connections per endpoint until a restart; legs past it queue",
                metadata: ["xca.config.path": "communities[\(index)].maxConcurrentRequests"]
            )
        }
        let summary = Summary(
            added: reload.added,
            removed: reload.removed,
            changed: reload.changed,
            certificates: certificates,
            needsRestart: reload.needsRestart
        )
        logger.notice(
            "configuration reloaded",
            metadata: [
                "xca.reload.added": "\(summary.added.joined(separator: ","))",
                "xca.reload.removed": "\(summary.removed.joined(separator: ","))",
                "xca.reload.changed": "\(summary.changed.joined(separator: ","))",
                "xca.reload.certificates": "\(summary.certificates.joined(separator: ","))",
                "xca.reload.serverCertificateSerial": "\(serverCertificate.serialNumber)",
                "xca.reload.needsRestart": "\(summary.needsRestart.joined(separator: ","))",
                "xca.reload.communities": "\(applied.enabledCommunities.count)",
            ]
        )
        return .applied(summary)
    }

    private func refuse(_ problems: [ConfigurationProblem]) -> Outcome {
        let errors = problems.filter { $0.severity == .error }
        for problem in problems {
            let metadata: Logger.Metadata = [
                "xca.config.path": "\(problem.path)",
                "xca.config.problem": "\(problem.message)",
            ]
            if problem.severity == .error {
                logger.error("reload: configuration problem", metadata: metadata)
            } else {
                logger.warning("reload: configuration problem", metadata: metadata)
            }
        }
        logger.error("reload refused: \(errors.count) problems; the previous configuration stays in force")
        return .refused(errors)
    }

    private static func stamps(_ configuration: GatewayConfiguration) -> [HomeCommunityID: TLSMaterialStamp] {
        var stamps: [HomeCommunityID: TLSMaterialStamp] = [:]
        for community in configuration.communities {
            stamps[community.homeCommunityID] = TLSMaterialStamp(community.tls)
        }
        return stamps
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let transport as TransportError: transport.message
        case let gateway as GatewayError: gateway.message
        default: "\(error)"
        }
    }
}

/// The bytes of a TLS identity's files when they were last applied: a reload that finds them different reports
/// the certificates as reloaded (a rotation usually keeps the paths and replaces the files).
struct TLSMaterialStamp: Sendable, Equatable {
    let files: [Data?]

    init(_ tls: GatewayConfiguration.TLSFiles) {
        files = ([tls.certificate, tls.privateKey] + tls.trustAnchors).map { FileManager.default.contents(atPath: $0) }
    }
}
