import NIOCore
import XCAAudit
import XCABinding
import XCAFederation
import XCAModel

extension Gateway {
    /// The audit's view of a community called by a leg.
    static func auditCommunity(_ community: Community, endpoint: String?) -> AuditCommunity {
        AuditCommunity(homeCommunityID: community.homeCommunityID, endpoint: endpoint ?? "", name: community.name)
    }

    /// How a leg ended, for its initiator-role event: an answer keeps its own errors (XDSUnknownPatientId included,
    /// although the merged response drops it: audit.md §8.3).
    static func auditResult(_ outcome: CommunityOutcome) -> AuditLeg.Result {
        switch outcome {
        case .answered(let errors, let count): .answered(.derive(errors: errors, hasResults: count > 0), errors: errors)
        case .unavailable: .unavailable
        case .faulted: .faulted
        case .malformed: .malformed
        }
    }

    /// Remembers whose documents and studies a community's ITI-38 answer listed, so that later retrieves of them
    /// are audited against their patient (audit.md §8.2): the entry's own patientId when it is an NHS number, else
    /// the patient the query named.
    static func index(_ answer: ByteBuffer, from community: HomeCommunityID, patient: NHSNumber?, into index: AuditPatientIndex) {
        let facts = answer.withUnsafeReadableBytes { QueryAnswerFacts.scan($0) }
        for entry in facts.entries {
            guard let nhsNumber = entry.patientID.flatMap({ PatientID(rawValue: $0).nhsNumber }) ?? patient,
                nhsNumber.validationProblem == nil
            else { continue }
            let home = HomeCommunityID(rawValue: entry.home.flatMap { $0.isEmpty ? nil : $0 } ?? community.rawValue)
            if let document = entry.documentUniqueID {
                index.record(
                    nhsNumber,
                    document: DocumentUniqueID(rawValue: document),
                    repository: entry.repositoryUniqueID.map(RepositoryUniqueID.init(rawValue:)),
                    home: home
                )
            }
            for study in entry.studyInstanceUIDs {
                index.record(nhsNumber, study: StudyInstanceUID(rawValue: study))
            }
        }
    }
}
