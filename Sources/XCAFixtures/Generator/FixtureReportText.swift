/// Renders a synthetic radiology report as plain UTF-8 text (the `text/plain` documents of the fixtures).
enum FixtureReportText {
    static let banner = "SYNTHETIC TEST DATA - NOT A REAL PATIENT (xca-gateway fixtures)"

    static func render(
        report: ReportBlueprint,
        status: String,
        study: StudyBlueprint,
        patient: PatientBlueprint,
        institution: InstitutionBlueprint
    ) -> [UInt8] {
        let number = patient.nhsNumber.rawValue
        let spaced = "\(number.prefix(3)) \(number.dropFirst(3).prefix(3)) \(number.suffix(4))"
        var lines = [
            banner,
            "",
            "RADIOLOGY REPORT (\(status))",
            "",
            "Patient:        \(patient.familyName), \(patient.givenName)",
            "NHS number:     \(spaced)",
            "Date of birth:  \(isoDate(patient.birthDate))",
            "Examination:    \(study.description)",
            "Study date:     \(isoDate(study.date)) \(clock(study.time)) UTC",
            "Accession:      \(study.accessionNumber)",
            "Performed at:   \(institution.name)",
            "Referrer:       \(personName(dicom: study.referringPhysician))",
            "",
        ]
        for (heading, text) in [
            ("Clinical indication", report.indication), ("Findings", report.findings),
            ("Conclusion", report.conclusion),
        ] {
            lines.append(heading + ":")
            lines += wrap(text, width: 78)
            lines.append("")
        }
        lines.append(
            "Reported by:    \(personName(xcn: report.author)), \(isoDate(study.date)) \(clock(report.time)) UTC"
        )
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func isoDate(_ date: String) -> String {
        "\(date.prefix(4))-\(date.dropFirst(4).prefix(2))-\(date.suffix(2))"
    }

    static func clock(_ time: String) -> String {
        "\(time.prefix(2)):\(time.dropFirst(2).prefix(2))"
    }

    /// `Family^Given^^Prefix` → "Prefix Given Family"; department-style names (`EMERGENCY^Department`) → "Emergency Department".
    static func personName(dicom: String) -> String {
        let parts = dicom.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
        let family = parts.first.map(capitalised) ?? ""
        let given = parts.count > 1 ? parts[1] : ""
        let prefix = parts.count > 3 ? parts[3] : ""
        return [prefix, given, family].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// XCN `^Family^Given^^^Prefix` → "Prefix Given Family".
    static func personName(xcn: String) -> String {
        let parts = xcn.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
        func part(_ index: Int) -> String { parts.count > index ? parts[index] : "" }
        return [part(5), part(2), part(1)].filter { !$0.isEmpty }.joined(separator: " ")
    }

    static func capitalised(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst().lowercased()
    }

    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
