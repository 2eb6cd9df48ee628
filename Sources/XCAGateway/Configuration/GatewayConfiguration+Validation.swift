import Foundation
import XCATransport

extension GatewayConfiguration {
    /// The checks across keys and against the file system, after every key has been read and every path resolved.
    /// Values whose own key already has a problem (or was missing) are not judged again.
    func validate(_ diagnostics: inout ConfigurationDiagnostics, now: Date) {
        validateCommunities(&diagnostics)
        validateDurations(&diagnostics)
        validateAdmin(&diagnostics)
        for (path, directory) in [
            ("gateway.stateDirectory", gateway.stateDirectory), ("retrieve.spoolDirectory", retrieve.spoolDirectory),
        ] {
            if let problem = ConfigurationFiles.directoryProblem(directory) { diagnostics.error(path, problem) }
        }
        var files = TLSFileCheck(now: now)
        files.check(gateway.tls, at: "gateway.tls", role: .server, severity: .error, into: &diagnostics)
        for (index, community) in communities.enumerated() {
            files.check(
                community.tls,
                at: "communities[\(index)].tls",
                role: .client,
                severity: community.enabled ? .error : .warning,
                into: &diagnostics
            )
        }
        validateAudit(&diagnostics, files: &files)
    }

    /// The audit trail: its TLS files and outbox folder; a warning when auditing is off or the ASID a placeholder.
    private func validateAudit(_ diagnostics: inout ConfigurationDiagnostics, files: inout TLSFileCheck) {
        guard audit.enabled else {
            diagnostics.warning("audit.enabled", "is false: requests are not audited and PARS receives nothing")
            return
        }
        if let pars = audit.pars {
            files.check(pars.tls, at: "audit.pars.tls", role: .client, severity: .error, into: &diagnostics)
            if audit.asid == AuditSettings().asid {
                diagnostics.warning("audit.asid", "is the placeholder \(audit.asid): set the gateway's Spine ASID")
            }
        }
        let folder = URL(fileURLWithPath: audit.outbox).deletingLastPathComponent().path
        if let problem = ConfigurationFiles.directoryProblem(folder) { diagnostics.error("audit.outbox", problem) }
    }

    /// Unique names and homeCommunityIds (none the gateway's own), at least one endpoint, and lists that the
    /// endpoints can serve.
    private func validateCommunities(_ diagnostics: inout ConfigurationDiagnostics) {
        let own = gateway.homeCommunityID.oid
        var names: [String: Int] = [:]
        var homes: [String: Int] = [:]
        for (index, community) in communities.enumerated() {
            let path = "communities[\(index)]"
            if !community.name.isEmpty, ConfigurationSyntax.communityNameProblem(community.name) == nil {
                if let first = names[community.name] {
                    diagnostics.error(path + ".name", "duplicate: communities[\(first)] has the same name")
                } else {
                    names[community.name] = index
                }
            }
            if let oid = community.homeCommunityID.oid {
                if oid == own {
                    diagnostics.error(path + ".homeCommunityId", "is the gateway's own (gateway.homeCommunityId)")
                } else if let first = homes[oid.rawValue] {
                    diagnostics.error(
                        path + ".homeCommunityId",
                        "duplicate: communities[\(first)] has the same homeCommunityId"
                    )
                } else {
                    homes[oid.rawValue] = index
                }
            }
            let endpoints = community.endpoints
            if endpoints.isEmpty && !diagnostics.hasProblem(atOrBelow: path + ".endpoints") {
                diagnostics.error(
                    path + ".endpoints",
                    "at least one endpoint is required (query, retrieve or imagingRetrieve)"
                )
            }
            if endpoints.retrieve == nil && !community.repositories.isEmpty && !endpoints.isEmpty {
                diagnostics.warning(
                    path + ".repositories",
                    "listed without endpoints.retrieve: nothing can be retrieved from them"
                )
            }
            if endpoints.imagingRetrieve == nil && !community.imagingDocumentSources.isEmpty && !endpoints.isEmpty {
                diagnostics.warning(
                    path + ".imagingDocumentSources",
                    "listed without endpoints.imagingRetrieve: no images can be retrieved from them"
                )
            }
        }
        if !communities.isEmpty && !communities.contains(where: \.enabled) {
            diagnostics.warning("communities", "every community is disabled: requests will reach no one")
        }
    }

    /// The admin listener: not on the gateway's own address, and a warning when it is reachable beyond loopback
    /// (it has no authentication).
    private func validateAdmin(_ diagnostics: inout ConfigurationDiagnostics) {
        let admin = gateway.admin
        guard admin.enabled, !diagnostics.hasProblem(atOrBelow: "gateway.admin.listen") else { return }
        if admin.listen.port != 0, admin.listen.port == gateway.listen.port,
            admin.listen.host == gateway.listen.host || AdminServer.isWildcard(admin.listen.host)
                || AdminServer.isWildcard(gateway.listen.host)
        {
            diagnostics.error("gateway.admin.listen", "is the address of gateway.listen: give the admin listener its own port")
        } else if !AdminServer.isLoopback(admin.listen.host) {
            diagnostics.warning(
                "gateway.admin.listen",
                "is not a loopback address: /metrics and /health are served there without authentication"
            )
        }
    }

    /// Durations that cannot all be honoured together.
    private func validateDurations(_ diagnostics: inout ConfigurationDiagnostics) {
        let deadline = ConfigurationSyntax.format(query.deadline)
        for (index, community) in communities.enumerated() where community.timeout > query.deadline {
            diagnostics.warning(
                "communities[\(index)].timeout",
                "is longer than query.deadline (\(deadline)): the deadline cuts it short"
            )
        }
        if retrieve.transferTimeout < retrieve.deadline {
            let deadline = ConfigurationSyntax.format(retrieve.deadline)
            diagnostics.warning(
                "retrieve.transferTimeout",
                "is shorter than retrieve.deadline (\(deadline)): transfers end first"
            )
        }
    }
}
