import XCAModel

/// The coded values of the fixture metadata (XDS classCode, typeCode, formatCode, practiceSettingCode,
/// healthcareFacilityTypeCode, confidentialityCode, eventCodeList), with their code-system OIDs as XDS carries
/// them in the `codingScheme` slot. Representative of XDS-I.b practice (RAD TF-3 4.68.4.1.2.3.2 (≈)); not a
/// statement of any affinity domain's value sets.
public enum FixtureCodes {
    public static let snomedCT = "2.16.840.1.113883.6.96"
    public static let loinc = "2.16.840.1.113883.6.1"
    /// DICOM Controlled Terminology (DCM), PS3.16 Annex D.
    public static let dcm = "1.2.840.10008.2.16.4"
    /// DICOM UID registry: the coding scheme of a DICOM SOP Class used as formatCode (RAD TF-3 4.68.4.1.2.3.2).
    public static let dicomUIDRegistry = "1.2.840.10008.2.6.1"
    /// HL7 v3 Confidentiality.
    public static let hl7Confidentiality = "2.16.840.1.113883.5.25"
    /// IHE format codes (`urn:ihe:iti:xds:2017:mimeTypeSufficient`).
    public static let iheFormatCodes = "1.3.6.1.4.1.19376.1.2.3"

    // MARK: classCode
    /// (113030, DCM, "Manifest"): the document title of an XDS-I.b KOS manifest, used as its class.
    public static let manifestClass = CodedValue(code: "113030", scheme: dcm, displayName: "Manifest")
    public static let reportClass = CodedValue(
        code: "721981007",
        scheme: snomedCT,
        displayName: "Diagnostic studies report"
    )

    // MARK: typeCode
    public static let diagnosticImagingStudy = CodedValue(
        code: "18748-4",
        scheme: loinc,
        displayName: "Diagnostic imaging study"
    )
    public static let radiologyReport = CodedValue(
        code: "18782-3",
        scheme: loinc,
        displayName: "Radiology Study observation (narrative)"
    )

    // MARK: formatCode
    /// Key Object Selection Document SOP Class (RAD TF-3 4.68.4.1.2.3.2: the formatCode of a DICOM manifest).
    public static let keyObjectSelection = CodedValue(
        code: "1.2.840.10008.5.1.4.1.1.88.59",
        scheme: dicomUIDRegistry,
        displayName: "Key Object Selection Document"
    )
    public static let mimeTypeSufficient = CodedValue(
        code: "urn:ihe:iti:xds:2017:mimeTypeSufficient",
        scheme: iheFormatCodes,
        displayName: "mimeType Sufficient"
    )

    // MARK: confidentialityCode
    public static let normal = CodedValue(code: "N", scheme: hl7Confidentiality, displayName: "normal")
    public static let restricted = CodedValue(code: "R", scheme: hl7Confidentiality, displayName: "restricted")

    // MARK: practiceSettingCode (SNOMED CT specialties)
    public static let radiology = CodedValue(code: "394914008", scheme: snomedCT, displayName: "Radiology")
    public static let emergencyMedicine = CodedValue(
        code: "773568002",
        scheme: snomedCT,
        displayName: "Emergency medicine"
    )
    public static let obstetricsAndGynaecology = CodedValue(
        code: "394585009",
        scheme: snomedCT,
        displayName: "Obstetrics and gynaecology"
    )
    public static let traumaAndOrthopaedics = CodedValue(
        code: "394801008",
        scheme: snomedCT,
        displayName: "Trauma and orthopaedics"
    )
    public static let paediatrics = CodedValue(code: "394537008", scheme: snomedCT, displayName: "Paediatric specialty")

    // MARK: healthcareFacilityTypeCode
    public static let hospital = CodedValue(code: "22232009", scheme: snomedCT, displayName: "Hospital")
    public static let outpatientDepartment = CodedValue(
        code: "33022008",
        scheme: snomedCT,
        displayName: "Hospital-based outpatient department"
    )
    public static let emergencyDepartment = CodedValue(
        code: "225728007",
        scheme: snomedCT,
        displayName: "Accident and Emergency department"
    )

    // MARK: submission set contentTypeCode
    public static let imagingContent = diagnosticImagingStudy

    // MARK: eventCodeList: modality (DCM, CID 29) and anatomic region (SNOMED CT, CID 4)

    /// The DCM code of a DICOM modality.
    public static func modality(_ modality: String) -> CodedValue {
        let meaning: String =
            switch modality {
            case "CT": "Computed Tomography"
            case "MR": "Magnetic Resonance"
            case "CR": "Computed Radiography"
            case "DX": "Digital Radiography"
            case "MG": "Mammography"
            case "US": "Ultrasound"
            default: modality
            }
        return CodedValue(code: modality, scheme: dcm, displayName: meaning)
    }

    public static func bodyPart(_ dicom: String, _ code: String, _ meaning: String) -> StudyBlueprint.BodyPart {
        StudyBlueprint.BodyPart(dicom: dicom, code: CodedValue(code: code, scheme: snomedCT, displayName: meaning))
    }

    public static let head = bodyPart("HEAD", "69536005", "Head")
    public static let brain = bodyPart("BRAIN", "12738006", "Brain")
    public static let chest = bodyPart("CHEST", "51185008", "Chest")
    public static let abdomen = bodyPart("ABDOMEN", "818981001", "Abdomen")
    public static let chestAbdomenPelvis = bodyPart("CHESTABDPELVIS", "416775004", "Chest, abdomen and pelvis")
    public static let abdomenPelvis = bodyPart("ABDOMENPELVIS", "818982008", "Abdomen and pelvis")
    public static let pelvis = bodyPart("PELVIS", "816092008", "Pelvis")
    public static let knee = bodyPart("KNEE", "72696002", "Knee")
    public static let shoulder = bodyPart("SHOULDER", "16982005", "Shoulder")
    public static let wrist = bodyPart("WRIST", "74670003", "Wrist joint")
    public static let lumbarSpine = bodyPart("LSPINE", "122496007", "Lumbar spine")
    public static let breast = bodyPart("BREAST", "76752008", "Breast")
    public static let neck = bodyPart("NECK", "45048000", "Neck")
    public static let uterus = bodyPart("UTERUS", "35039007", "Uterus")
}
