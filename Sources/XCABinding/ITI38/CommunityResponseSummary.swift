import XCAModel
import XCASOAP

/// What one community answered to a Cross Gateway Query, as ``QueryResponseMerger`` saw it while merging the
/// answer (ITI TF-2 3.38.4.1.3). Its RegistryErrors are reported here and are not merged: the federation policy
/// decides which to pass on (``QueryResponseMerger/addErrors(_:location:)``) — `XDSUnknownPatientId` is usually
/// dropped, and objects that came without `home` (``homesStamped``) call for `XDSMissingHomeCommunityId`.
public struct CommunityResponseSummary: Sendable, Hashable {
    /// The kind of answer.
    public enum Answer: Sendable, Hashable {
        /// An AdhocQueryResponse: its status (as sent; derived from its errors and objects when missing or not a
        /// known status) and its RegistryErrors as sent.
        case response(status: ResponseStatus, errors: [RegistryError])
        /// A SOAP Fault instead of a response; nothing was merged.
        case fault(SOAPFault)
    }

    /// The community that answered (the value stamped into `home`).
    public var community: HomeCommunityID
    public var answer: Answer
    /// How many registry objects of this answer went into the merged response.
    public var objectsMerged: Int
    /// How many of them came without `home` (or with an empty one) and were given the community's id.
    public var homesStamped: Int
    /// How many objects were left out because an object with the same key was already merged.
    public var duplicatesDropped: Int

    public init(
        community: HomeCommunityID,
        answer: Answer,
        objectsMerged: Int = 0,
        homesStamped: Int = 0,
        duplicatesDropped: Int = 0
    ) {
        self.community = community
        self.answer = answer
        self.objectsMerged = objectsMerged
        self.homesStamped = homesStamped
        self.duplicatesDropped = duplicatesDropped
    }

    /// The response status; nil for a fault.
    public var status: ResponseStatus? {
        if case .response(let status, _) = answer { status } else { nil }
    }

    /// The community's RegistryErrors; empty for a fault.
    public var errors: [RegistryError] {
        if case .response(_, let errors) = answer { errors } else { [] }
    }

    /// The SOAP Fault the community answered with, if it did.
    public var fault: SOAPFault? {
        if case .fault(let fault) = answer { fault } else { nil }
    }
}
