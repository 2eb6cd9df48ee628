import XCAModel

/// Renders `Fixtures/README.md` from a federation summary, so that the README can never disagree with the data
/// it describes (the committed tree is regenerated and compared byte for byte by the tests).
enum FixtureReadme {
    static func render(_ summary: FixtureFederationSummary) -> String {
        var out: [String] = []
        let studyCount = summary.communities.reduce(0) { $0 + $1.studies }
        let instanceCount = summary.communities.reduce(0) { $0 + $1.instances }
        let entryCount = summary.communities.reduce(0) { $0 + $1.documentEntries }
        out += [
            "# Fixtures — a synthetic XCA / XCA-I imaging federation",
            "",
            "**Everything here is synthetic and was written by the xca-gateway project.** The patients, clinicians,",
            "hospitals, findings and images are invented; NHS numbers come from the 999 test range, which is never issued",
            "to real people. Nothing was copied from any reference material.",
            "",
            "The federation models regional imaging networks behind the NHS England National Imaging Registry: each",
            "community (a Responding Gateway with its own homeCommunityId) has a registry of XDS DocumentEntries —",
            "radiology reports and XDS-I.b imaging manifests (DICOM Key Object Selection documents, `application/dicom`) —",
            "document repositories that return them (ITI-39), and Imaging Document Sources that return the DICOM",
            "instances the manifests reference (RAD-69 / RAD-75). In each manifest the Current Requested Procedure",
            "Evidence Sequence names every study, series and SOP instance, and each series' Retrieve Location UID is the",
            "repositoryUniqueId of the Imaging Document Source that holds it.",
            "",
            "In numbers: \(summary.communities.count) communities, \(summary.patients.count) patients, \(studyCount) studies,",
            "\(entryCount) DocumentEntries, \(instanceCount) DICOM instances.",
            "",
            "This directory is generated from `Sources/XCAFixtures/Blueprint/` (the federation described as code) by",
            "`Sources/XCAFixtures/Generator/`; the same federation is built in memory by `FixtureFederation.builtIn()`,",
            "which `serve` uses when given no fixture directory. Generation is deterministic — UIDs and entryUUIDs are",
            "derived from names with SHA-256, every time is fixed — and a test regenerates this tree and compares it",
            "byte for byte, so it cannot drift from the code.",
            "",
            "## Identifiers",
            "",
            "All community, repository, Imaging Document Source and institution OIDs live under one synthetic arc,",
            "`2.25.<n>`, where `n` is the UUID (version 8) derived from the name \"xca-gateway fixture federation\"",
            "(ITU-T X.667 / ISO/IEC 9834-8: a UUID as an OID needs no registration). DICOM UIDs and document uniqueIds",
            "are name-derived `2.25` UIDs too. Patients are identified by NHS number",
            "(`NNNNNNNNNN^^^&2.16.840.1.113883.2.1.4.1&ISO`) in every community; each community also has its own local",
            "identifier (`sourcePatientId`). NHS number 999 000 014x is deliberately absent: its Modulus 11 check digit",
            "computes to 10, so no valid number starts with those nine digits.",
            "",
            "## Communities",
            "",
        ]
        for community in summary.communities {
            out += [
                "### \(community.name) — \(community.displayName)",
                "",
                "| | |",
                "|---|---|",
                "| homeCommunityId | `\(community.homeCommunityId)` |",
            ]
            for repository in community.repositories {
                out.append("| document repository | `\(repository)` |")
            }
            for source in community.imagingDocumentSources {
                out.append(
                    "| Imaging Document Source `\(source.name)` | `\(source.repositoryUniqueId)` (\(source.instances) instances) |"
                )
            }
            let deprecated =
                community.deprecatedDocumentEntries > 0 ? " (\(community.deprecatedDocumentEntries) deprecated)" : ""
            out += [
                "| holds | \(community.patients) patients, \(community.studies) studies, \(community.documentEntries) DocumentEntries\(deprecated), \(community.submissionSets) SubmissionSets, \(community.associations) Associations, \(community.instances) instances |",
                "",
            ]
        }
        out += [
            "## Patients",
            "",
            "| NHS number | synthetic name | communities |",
            "|---|---|---|",
        ]
        for patient in summary.patients {
            out.append(
                "| \(spaced(patient.nhsNumber)) | \(patient.displayName) | \(patient.communities.joined(separator: ", ")) |"
            )
        }
        out += [
            "",
            "## What each community holds for each patient",
            "",
            "Each study has a KOS manifest and a report (DocumentEntries); `R` marks restricted confidentiality, and",
            "a deprecated entry is a preliminary report replaced (RPLC) by the final one.",
            "",
            "| NHS number | community | date | modality | study | entries | series / instances | Imaging Document Source |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for patient in summary.patients {
            for study in patient.studies {
                var entries = "\(study.documentEntries)"
                if study.deprecatedDocumentEntries > 0 { entries += " (\(study.deprecatedDocumentEntries) deprecated)" }
                if study.confidentiality.contains("R") { entries += ", R" }
                out.append(
                    "| \(spaced(patient.nhsNumber)) | \(study.community) | \(study.date ?? "") | \(study.modality ?? "") | "
                        + "\(study.description ?? "") | \(entries) | \(study.series) / \(study.instances) | "
                        + "\(study.imagingDocumentSources.joined(separator: ", ")) |"
                )
            }
        }
        out += [
            "",
            "## Metadata",
            "",
            "Every DocumentEntry carries `home`, patientId, sourcePatientId and sourcePatientInfo, creationTime,",
            "serviceStartTime/serviceStopTime, hash (SHA-1) and size of its document, repositoryUniqueId, languageCode,",
            "authorInstitution (XON with the institution OID; reports also authorPerson), a referenceIdList with the Study",
            "Instance UID and the accession number, and these codes (code system OID in the `codingScheme` slot):",
            "",
            "| attribute | KOS manifest (`application/dicom`) | report (`text/plain`) |",
            "|---|---|---|",
            "| classCode | \(code(FixtureCodes.manifestClass)) | \(code(FixtureCodes.reportClass)) |",
            "| typeCode | \(code(FixtureCodes.diagnosticImagingStudy)) | \(code(FixtureCodes.radiologyReport)) |",
            "| formatCode | \(code(FixtureCodes.keyObjectSelection)) | \(code(FixtureCodes.mimeTypeSufficient)) |",
            "| confidentialityCode | `N` or `R` (\(FixtureCodes.hl7Confidentiality)) | same as the manifest |",
            "| practiceSettingCode | SNOMED CT specialty (Radiology, Emergency medicine, …) | same |",
            "| healthcareFacilityTypeCode | SNOMED CT (Hospital, outpatient department, A&E) | same |",
            "| eventCodeList | modality (DCM) and anatomic region (SNOMED CT) | same |",
            "",
            "These are representative of XDS-I.b practice (RAD TF-3 4.68.4.1.2.3.2), not a statement of any affinity",
            "domain's value sets.",
            "",
            "## Layout",
            "",
            "```",
            "federation.json                                   communities, repositories, Imaging Document Sources, patients",
            "communities/NAME/registry.xml                     every registry object (bare query:AdhocQueryResponse, LeafClass):",
            "                                                  DocumentEntries, SubmissionSets, Associations (HasMember, RPLC), home on each",
            "communities/NAME/documents/UNIQUEID.txt           reports (text/plain)",
            "communities/NAME/documents/UNIQUEID.dcm           KOS manifests (application/dicom; uniqueId = KOS SOP Instance UID)",
            "communities/NAME/dicom/IDS/STUDY/SERIES/SOP.dcm   DICOM Part-10 instances, Explicit VR Little Endian",
            "```",
            "",
            "Images are 64×64, 16-bit (12 stored) monochrome with a visible synthetic pattern. Only the Explicit VR Little",
            "Endian file is stored; the Implicit VR Little Endian rendition every instance also offers is re-encoded from",
            "it when the directory is loaded.",
            "",
            "## Commands",
            "",
            "```sh",
            "xca-gateway fixtures list                         # this summary, for people",
            "xca-gateway fixtures list --json                  # the same for machines",
            "xca-gateway fixtures list --dir Fixtures          # read from a directory instead of the built-in federation",
            "xca-gateway fixtures generate --dir Fixtures --force   # regenerate this directory",
            "```",
            "",
            "Large studies for benchmarks are minted on demand, never committed: `--synthetic-study 1GiB` adds a study whose",
            "instances (512 KiB each by default) are generated lazily, in constant memory, with its KOS manifest and",
            "DocumentEntry.",
            "",
        ]
        return out.joined(separator: "\n")
    }

    /// `` `code` display (scheme) ``.
    static func code(_ value: CodedValue) -> String {
        "`\(value.code)` \(value.displayName ?? "") (\(value.scheme))"
    }

    /// `9990000018` → `999 000 0018`.
    static func spaced(_ number: String) -> String {
        guard number.count == 10 else { return number }
        return "\(number.prefix(3)) \(number.dropFirst(3).prefix(3)) \(number.suffix(4))"
    }
}
