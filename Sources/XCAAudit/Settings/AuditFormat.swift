/// How the responder-role events are serialised (audit.md §8.1). Initiator-role events stay local and are always
/// ``balp``.
public enum AuditFormat: String, Sendable, Hashable, CaseIterable {
    /// England-AuditEvent-PARS (NHS England PARS, audit.md §5): `meta.profile` set, every agent's `who.type` from
    /// {Organization, Patient, Practitioner, PractitionerRole, Endpoint}, the ITI-38 action as configured.
    case pars
    /// IHE Basic Audit Log Patterns on FHIR R4: no `meta.profile`, ITI-38 action `E` (DICOM PS3.15 A.5.3.10).
    case balp
}
