import Foundation

/// What the reports show that the indexed columns do not hold, read from a stored FHIR R4 AuditEvent (audit.md §8.4:
/// the user agent is the Practitioner requestor, the organisation an Organization agent, the calling system the
/// network agent (DCM 110153 or 110152) that is not the gateway itself — the gateway's own agent carries its process
/// id in `altId` and the observer's identifier). Missing or unexpected parts read as nil.
struct AuditEventFacts {
    var action: String?
    var userName: String?
    var userRole: String?
    var organisationName: String?
    var caller: String?

    init(json: Data) {
        guard let event = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else { return }
        action = event["action"] as? String
        let observer = (((event["source"] as? [String: Any])?["observer"] as? [String: Any])?["identifier"] as? [String: Any])?["value"] as? String
        for case let agent as [String: Any] in event["agent"] as? [Any] ?? [] {
            let who = agent["who"] as? [String: Any]
            let type = who?["type"] as? String
            let display = who?["display"] as? String
            if type == "Practitioner", userName == nil {
                userName = display
                let coding = ((agent["role"] as? [Any])?.first as? [String: Any])?["coding"] as? [Any]
                let role = coding?.first as? [String: Any]
                userRole = (role?["display"] as? String) ?? (role?["code"] as? String)
            } else if type == "Organization", organisationName == nil {
                organisationName = display
            }
            let codes = ((agent["type"] as? [String: Any])?["coding"] as? [Any] ?? []).compactMap {
                ($0 as? [String: Any])?["code"] as? String
            }
            let identifier = (who?["identifier"] as? [String: Any])?["value"] as? String
            let isGateway = agent["altId"] != nil || (identifier != nil && identifier == observer)
            if codes.contains("110153") || codes.contains("110152"), !isGateway, caller == nil {
                let address = (agent["network"] as? [String: Any])?["address"] as? String
                caller = [display, identifier, address].compactMap { $0 }.joined(separator: " ").nilIfEmpty
            }
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
