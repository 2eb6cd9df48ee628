import XCAModel

/// The decoded parameters of a validated stored query, read the way ITI TF-2 3.18.4.1.2.3.5 (≈) defines: the
/// values of one Slot (a `('a','b')` list or several Value elements) are OR'ed; a parameter that may repeat
/// (code lists, reference ids) is the AND of its Slots.
struct QueryArguments: Sendable {
    let request: CrossGatewayQueryRequest

    init(_ request: CrossGatewayQueryRequest) { self.request = request }

    /// Whether a Slot of that name was sent.
    func has(_ name: String) -> Bool { request.parameters.contains { $0.name == name } }

    /// Every value of every Slot of that name (OR).
    func values(_ name: String) -> [String] { request.values(of: name) }

    /// The first value (single-valued parameters; validation has refused repeats).
    func single(_ name: String) -> String? { values(name).first }

    /// The values per Slot (AND of ORs).
    func groups(_ name: String) -> [[String]] {
        request.parameters.filter { $0.name == name }.map(\.decodedValues)
    }

    /// The values of a UUID-valued parameter, lower-cased for comparison with the registry's ids.
    func uuids(_ name: String) -> [String] { values(name).map { $0.lowercased() } }

    func codes(_ name: String) -> CodeConstraint {
        CodeConstraint(groups: groups(name).map { $0.map(CodeCriterion.init) })
    }

    func range(from: String, to: String) -> DTMRange {
        DTMRange(from: single(from).flatMap(DTMInstant.init), to: single(to).flatMap(DTMInstant.init))
    }

    /// The LIKE patterns of a parameter (OR); nil when the parameter was not sent.
    func likePatterns(_ name: String) -> [LikePattern]? {
        has(name) ? values(name).map(LikePattern.init) : nil
    }

    /// The availability statuses asked for, as full URNs (a bare `Approved` is read as the ebRIM URN); nil when the
    /// parameter was not sent.
    func statuses(_ name: String) -> Set<String>? {
        guard has(name) else { return nil }
        return Set(values(name).map(Self.statusURN))
    }

    /// `$XDSDocumentEntryType`: the DocumentEntry types asked for; stable only when the parameter is absent
    /// (ITI TF-2 3.18.4.1.2.3.6.2 (≈), On-Demand Documents option).
    var documentEntryTypes: Set<DocumentEntryType> {
        guard has("$XDSDocumentEntryType") else { return [.stable] }
        return Set(values("$XDSDocumentEntryType").compactMap(DocumentEntryType.init(objectType:)))
    }

    static func statusURN(_ value: String) -> String {
        value.utf8.contains(UInt8(ascii: ":")) ? value : "urn:oasis:names:tc:ebxml-regrep:StatusType:" + value
    }
}
