import XCAModel

/// Turns the communities' outcomes into the RegistryErrors and status of the gateway's response, by the rule every
/// peer uses (protocol.md §2.5; ITI TF-3 4.2.4.2; ITI TF-2 3.38.4.1.3).
public enum Aggregator {
    /// The RegistryErrors a community's outcome contributes:
    /// - answered → its errors minus XDSUnknownPatientId (a patient unknown there is normal in a federation; NIST and
    ///   dcm4chee filter it too), each with `location` = its own if non-empty, else the community's homeCommunityId
    ///   (ITI TF-2 3.38.4.1.3: a Responding Gateway's errors carry its homeCommunityId);
    /// - unavailable → one XDSUnavailableCommunity, location = homeCommunityId, codeContext
    ///   "community NAME did not answer: reason" (ITI TF-2 3.38.4.1.3);
    /// - faulted / malformed → one XDSRegistryError, location = homeCommunityId.
    /// Reasons never carry patient data.
    public static func errors(for outcome: CommunityOutcome, community: Community) -> [RegistryError] {
        let home = community.homeCommunityID.rawValue
        switch outcome {
        case .answered(let errors, _):
            var result: [RegistryError] = []
            result.reserveCapacity(errors.count)
            for var error in errors where error.code != .unknownPatientID {
                if error.location?.isEmpty ?? true { error.location = home }
                result.append(error)
            }
            return result
        case .unavailable(let reason):
            return [
                RegistryError(
                    .unavailableCommunity,
                    codeContext: "community \(community.name) did not answer: \(reason)",
                    location: home
                )
            ]
        case .faulted(let reason):
            return [
                RegistryError(
                    .registryError,
                    codeContext: "community \(community.name) answered with a SOAP Fault: \(reason)",
                    location: home
                )
            ]
        case .malformed(let reason):
            return [
                RegistryError(
                    .registryError,
                    codeContext: "community \(community.name) sent an answer that could not be read: \(reason)",
                    location: home
                )
            ]
        }
    }

    /// Success when no error has severity Error (warnings alone never downgrade); otherwise PartialSuccess with at
    /// least one result and Failure without (ITI TF-3 4.2.4.2; `ResponseStatus.derive`).
    public static func status(errors: [RegistryError], resultCount: Int) -> ResponseStatus {
        ResponseStatus.derive(errors: errors, hasResults: resultCount > 0)
    }
}
