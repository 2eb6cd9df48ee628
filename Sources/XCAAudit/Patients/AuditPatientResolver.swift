import XCAModel

/// Finds the patient of a retrieve: ITI-39 and RAD-75 requests carry no patient identifier, so the gateway resolves
/// it from the metadata its ITI-38 answers returned (audit.md §8.2). When nothing is found the event is still made,
/// without a patient entity.
public protocol AuditPatientResolver: Sendable {
    /// The NHS number of the patient whose document this is. `repository` and `home` narrow the match when given.
    func patient(document: DocumentUniqueID, repository: RepositoryUniqueID?, home: HomeCommunityID?) -> NHSNumber?
    /// The NHS number of the patient of a study.
    func patient(study: StudyInstanceUID) -> NHSNumber?
}
