/// A radiology report (a plain-text document in the repository, typeCode LOINC 18782-3).
public struct ReportBlueprint: Hashable, Sendable {
    /// HL7 XCN of the reporting radiologist, e.g. `^Okafor^Nia^^^Dr`.
    public var author: String
    /// `HHMM` the report was verified, on the study date (UTC).
    public var time: String
    public var indication: String
    public var findings: String
    public var conclusion: String

    public init(author: String, time: String, indication: String, findings: String, conclusion: String) {
        self.author = author
        self.time = time
        self.indication = indication
        self.findings = findings
        self.conclusion = conclusion
    }
}
