/// Writes an ``AuditRecord`` as one line of FHIR R4 AuditEvent JSON (audit.md §8.2, examples §8.4–8.6), in the PARS
/// (England-AuditEvent-PARS) or IHE/BALP serialisation, with ``JSONWriter``: no Foundation, no intermediate tree.
///
/// The two serialisations differ in `meta.profile` (PARS only) and the ITI-38 action (``AuditSettings/queryAction``
/// in PARS, `E` in BALP); every agent carries a `who.type` from PARS's closed list in both. Initiator-role events
/// are always BALP (they stay local: audit.md §8.1).
struct AuditEventWriter: Sendable {
    let settings: AuditSettings
    /// `source`, the same in every event: written once.
    let source: [UInt8]

    init(settings: AuditSettings) {
        self.settings = settings
        var w = JSONWriter(capacity: 512)
        Self.writeSource(settings, into: &w)
        source = w.finish()
    }

    func format(of record: AuditRecord) -> AuditFormat {
        record.role == .initiator ? .balp : settings.format
    }

    /// The event's JSON. `party`: the request's party agents when already written for another event of it.
    func json(_ record: AuditRecord, party: PartyAgents? = nil) -> [UInt8] {
        var shared: SharedPart?
        return event(record, party: party, shared: &shared).json
    }

    /// The event's JSON and the range of it that the request's other events hold too, byte for byte (``AuditEnvelope/
    /// shared``): from `source` through the transaction entity — through the base64 query for ITI-38 — which do not
    /// depend on the role, the leg or the outcome (only on the patient). `party` and `shared`: what an earlier
    /// event of the request wrote, reused (``SharedPart`` when it fits).
    func event(_ record: AuditRecord, party: PartyAgents? = nil, shared: inout SharedPart?) -> (json: [UInt8], shared: Range<Int>) {
        let format = format(of: record)
        var capacity = 2_560
        if case .query(let query) = record.subject { capacity += query.base64.count }
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.field("resourceType", "AuditEvent")
        w.field("id", record.id)
        if format == .pars {
            w.key("meta")
            w.beginObject()
            w.key("profile")
            w.beginArray()
            w.string(FHIRSystem.parsProfile)
            w.endArray()
            w.endObject()
        }
        let coding = AuditEventCoding(record.transaction, role: record.role, format: format, queryAction: settings.queryAction)
        w.key("type")
        w.coding(FHIRSystem.dicom, coding.typeCode, coding.typeDisplay)
        w.key("subtype")
        w.beginArray()
        w.coding(FHIRSystem.iheEventType, coding.subtypeCode, coding.subtypeDisplay)
        w.endArray()
        w.field("action", coding.action)
        w.key("recorded")
        w.string(asciiBytes: AuditTimestamp.bytes(record.recorded))
        w.field("outcome", record.outcome.code)
        w.field("outcomeDesc", ifPresent: record.outcomeDescription)
        if let purposes = record.user?.purposesOfUse, !purposes.isEmpty {
            w.key("purposeOfEvent")
            writeConcepts(purposes, into: &w)
        }
        w.key("agent")
        w.beginArray()
        writeAgents(record, party: party ?? partyAgents(record), into: &w)
        w.endArray()
        let sharedRange = writeSourceAndEntities(record, shared: &shared, into: &w)
        w.endObject()
        return (w.finish(), sharedRange)
    }

    // MARK: Source

    /// `source`: the gateway's base URL, the observer Device identified by its ASID, type 4 Application Server.
    private static func writeSource(_ settings: AuditSettings, into w: inout JSONWriter) {
        w.beginObject()
        w.field("site", ifPresent: settings.endpointURL(path: ""))
        w.key("observer")
        w.beginObject()
        w.field("type", "Device")
        w.key("identifier")
        w.identifier(FHIRSystem.accreditedSystem, settings.asid)
        w.field("display", ifPresent: settings.productName)
        w.endObject()
        w.key("type")
        w.beginArray()
        w.coding(FHIRSystem.securitySourceType, "4", "Application Server")
        w.endArray()
        w.endObject()
    }

    /// CodeableConcepts of XUA codes, one Coding each.
    func writeConcepts(_ codes: [XUACode], into w: inout JSONWriter) {
        w.beginArray()
        for code in codes {
            guard let value = FHIRText.code(code.code) else { continue }
            w.beginObject()
            w.key("coding")
            w.beginArray()
            w.beginObject()
            w.field("system", ifPresent: code.system(extra: settings.codeSystems))
            w.field("code", value)
            w.field("display", ifPresent: code.displayName)
            w.endObject()
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }
}

extension JSONWriter {
    /// `{"system":…,"code":…,"display":…}` from constants.
    mutating func coding(_ system: StaticString, _ code: StaticString, _ display: StaticString? = nil) {
        beginObject()
        field("system", system)
        field("code", code)
        if let display, display.utf8CodeUnitCount > 0 { field("display", display) }
        endObject()
    }

    /// `{"system":…,"value":…}`.
    mutating func identifier(_ system: StaticString, _ value: String) {
        beginObject()
        field("system", system)
        field("value", value)
        endObject()
    }

    /// `{"type":{"coding":[…]}}`-style CodeableConcept of one constant Coding.
    mutating func concept(_ system: StaticString, _ code: StaticString, _ display: StaticString? = nil) {
        beginObject()
        key("coding")
        beginArray()
        coding(system, code, display)
        endArray()
        endObject()
    }
}

/// FHIR primitive constraints on text that comes from requests.
enum FHIRText {
    /// A FHIR `code`: no leading or trailing whitespace, single spaces inside (R4 `[^\s]+(\s[^\s]+)*`); nil when
    /// nothing is left.
    static func code(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard !words.isEmpty else { return nil }
        return words.count == 1 ? String(words[0]) : words.joined(separator: " ")
    }

    /// A FHIR `uri`: no whitespace; nil when empty or when it has some.
    static func uri(_ text: String?) -> String? {
        guard let text, !text.isEmpty,
            !text.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        else { return nil }
        return text
    }
}
