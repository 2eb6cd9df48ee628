/// XCAAudit: the FHIR R4 AuditEvent records of every request the gateway serves (design: audit.md §8) — one
/// canonical ``AuditRecord`` per transaction leg × patient × outcome class, serialised as England-AuditEvent-PARS or
/// IHE/BALP JSON by a byte writer on the request path, and handed to the journal as ``AuditEnvelope``s.
///
/// The gateway makes one ``AuditCreator`` from ``AuditSettings`` (and an ``AuditPatientIndex`` it feeds from ITI-38
/// answers), then per request fills a ``RequestAudit`` as it learns things and takes its ``RequestAudit/envelopes()``
/// to the ``AuditJournal`` before it releases the answer. No I/O here.
public enum XCAAudit {}
