/// The data elements the fixture DICOM writer and reader use, with their VRs (DICOM PS3.6 Table 6-1).
extension DICOMTag {
    /// File Meta Information Group Length (0002,0000) UL
    public static let fileMetaInformationGroupLength = DICOMTag(0x0002, 0x0000)
    /// File Meta Information Version (0002,0001) OB
    public static let fileMetaInformationVersion = DICOMTag(0x0002, 0x0001)
    /// Media Storage SOP Class UID (0002,0002) UI
    public static let mediaStorageSOPClassUID = DICOMTag(0x0002, 0x0002)
    /// Media Storage SOP Instance UID (0002,0003) UI
    public static let mediaStorageSOPInstanceUID = DICOMTag(0x0002, 0x0003)
    /// Transfer Syntax UID (0002,0010) UI
    public static let transferSyntaxUID = DICOMTag(0x0002, 0x0010)
    /// Implementation Class UID (0002,0012) UI
    public static let implementationClassUID = DICOMTag(0x0002, 0x0012)
    /// Implementation Version Name (0002,0013) SH
    public static let implementationVersionName = DICOMTag(0x0002, 0x0013)
    /// Specific Character Set (0008,0005) CS
    public static let specificCharacterSet = DICOMTag(0x0008, 0x0005)
    /// Image Type (0008,0008) CS
    public static let imageType = DICOMTag(0x0008, 0x0008)
    /// Instance Creation Date (0008,0012) DA
    public static let instanceCreationDate = DICOMTag(0x0008, 0x0012)
    /// Instance Creation Time (0008,0013) TM
    public static let instanceCreationTime = DICOMTag(0x0008, 0x0013)
    /// SOP Class UID (0008,0016) UI
    public static let sopClassUID = DICOMTag(0x0008, 0x0016)
    /// SOP Instance UID (0008,0018) UI
    public static let sopInstanceUID = DICOMTag(0x0008, 0x0018)
    /// Study Date (0008,0020) DA
    public static let studyDate = DICOMTag(0x0008, 0x0020)
    /// Series Date (0008,0021) DA
    public static let seriesDate = DICOMTag(0x0008, 0x0021)
    /// Content Date (0008,0023) DA
    public static let contentDate = DICOMTag(0x0008, 0x0023)
    /// Study Time (0008,0030) TM
    public static let studyTime = DICOMTag(0x0008, 0x0030)
    /// Series Time (0008,0031) TM
    public static let seriesTime = DICOMTag(0x0008, 0x0031)
    /// Content Time (0008,0033) TM
    public static let contentTime = DICOMTag(0x0008, 0x0033)
    /// Accession Number (0008,0050) SH
    public static let accessionNumber = DICOMTag(0x0008, 0x0050)
    /// Retrieve AE Title (0008,0054) AE
    public static let retrieveAETitle = DICOMTag(0x0008, 0x0054)
    /// Modality (0008,0060) CS
    public static let modality = DICOMTag(0x0008, 0x0060)
    /// Presentation Intent Type (0008,0068) CS
    public static let presentationIntentType = DICOMTag(0x0008, 0x0068)
    /// Manufacturer (0008,0070) LO
    public static let manufacturer = DICOMTag(0x0008, 0x0070)
    /// Institution Name (0008,0080) LO
    public static let institutionName = DICOMTag(0x0008, 0x0080)
    /// Referring Physician's Name (0008,0090) PN
    public static let referringPhysicianName = DICOMTag(0x0008, 0x0090)
    /// Code Value (0008,0100) SH
    public static let codeValue = DICOMTag(0x0008, 0x0100)
    /// Coding Scheme Designator (0008,0102) SH
    public static let codingSchemeDesignator = DICOMTag(0x0008, 0x0102)
    /// Code Meaning (0008,0104) LO
    public static let codeMeaning = DICOMTag(0x0008, 0x0104)
    /// Mapping Resource (0008,0105) CS
    public static let mappingResource = DICOMTag(0x0008, 0x0105)
    /// Study Description (0008,1030) LO
    public static let studyDescription = DICOMTag(0x0008, 0x1030)
    /// Series Description (0008,103E) LO
    public static let seriesDescription = DICOMTag(0x0008, 0x103E)
    /// Institutional Department Name (0008,1040) LO
    public static let institutionalDepartmentName = DICOMTag(0x0008, 0x1040)
    /// Manufacturer's Model Name (0008,1090) LO
    public static let manufacturerModelName = DICOMTag(0x0008, 0x1090)
    /// Referenced Study Sequence (0008,1110) SQ
    public static let referencedStudySequence = DICOMTag(0x0008, 0x1110)
    /// Referenced Performed Procedure Step Sequence (0008,1111) SQ
    public static let referencedPerformedProcedureStepSequence = DICOMTag(0x0008, 0x1111)
    /// Referenced Series Sequence (0008,1115) SQ
    public static let referencedSeriesSequence = DICOMTag(0x0008, 0x1115)
    /// Referenced SOP Class UID (0008,1150) UI
    public static let referencedSOPClassUID = DICOMTag(0x0008, 0x1150)
    /// Referenced SOP Instance UID (0008,1155) UI
    public static let referencedSOPInstanceUID = DICOMTag(0x0008, 0x1155)
    /// Referenced SOP Sequence (0008,1199) SQ
    public static let referencedSOPSequence = DICOMTag(0x0008, 0x1199)
    /// Patient's Name (0010,0010) PN
    public static let patientName = DICOMTag(0x0010, 0x0010)
    /// Patient ID (0010,0020) LO
    public static let patientID = DICOMTag(0x0010, 0x0020)
    /// Issuer of Patient ID (0010,0021) LO
    public static let issuerOfPatientID = DICOMTag(0x0010, 0x0021)
    /// Issuer of Patient ID Qualifiers Sequence (0010,0024) SQ
    public static let issuerOfPatientIDQualifiersSequence = DICOMTag(0x0010, 0x0024)
    /// Patient's Birth Date (0010,0030) DA
    public static let patientBirthDate = DICOMTag(0x0010, 0x0030)
    /// Patient's Sex (0010,0040) CS
    public static let patientSex = DICOMTag(0x0010, 0x0040)
    /// Body Part Examined (0018,0015) CS
    public static let bodyPartExamined = DICOMTag(0x0018, 0x0015)
    /// Scanning Sequence (0018,0020) CS
    public static let scanningSequence = DICOMTag(0x0018, 0x0020)
    /// Sequence Variant (0018,0021) CS
    public static let sequenceVariant = DICOMTag(0x0018, 0x0021)
    /// Scan Options (0018,0022) CS
    public static let scanOptions = DICOMTag(0x0018, 0x0022)
    /// MR Acquisition Type (0018,0023) CS
    public static let mrAcquisitionType = DICOMTag(0x0018, 0x0023)
    /// Slice Thickness (0018,0050) DS
    public static let sliceThickness = DICOMTag(0x0018, 0x0050)
    /// KVP (0018,0060) DS
    public static let kvp = DICOMTag(0x0018, 0x0060)
    /// Repetition Time (0018,0080) DS
    public static let repetitionTime = DICOMTag(0x0018, 0x0080)
    /// Echo Time (0018,0081) DS
    public static let echoTime = DICOMTag(0x0018, 0x0081)
    /// Echo Train Length (0018,0091) IS
    public static let echoTrainLength = DICOMTag(0x0018, 0x0091)
    /// View Position (0018,5101) CS
    public static let viewPosition = DICOMTag(0x0018, 0x5101)
    /// Study Instance UID (0020,000D) UI
    public static let studyInstanceUID = DICOMTag(0x0020, 0x000D)
    /// Series Instance UID (0020,000E) UI
    public static let seriesInstanceUID = DICOMTag(0x0020, 0x000E)
    /// Study ID (0020,0010) SH
    public static let studyID = DICOMTag(0x0020, 0x0010)
    /// Series Number (0020,0011) IS
    public static let seriesNumber = DICOMTag(0x0020, 0x0011)
    /// Acquisition Number (0020,0012) IS
    public static let acquisitionNumber = DICOMTag(0x0020, 0x0012)
    /// Instance Number (0020,0013) IS
    public static let instanceNumber = DICOMTag(0x0020, 0x0013)
    /// Patient Orientation (0020,0020) CS
    public static let patientOrientation = DICOMTag(0x0020, 0x0020)
    /// Image Position (Patient) (0020,0032) DS
    public static let imagePositionPatient = DICOMTag(0x0020, 0x0032)
    /// Image Orientation (Patient) (0020,0037) DS
    public static let imageOrientationPatient = DICOMTag(0x0020, 0x0037)
    /// Frame of Reference UID (0020,0052) UI
    public static let frameOfReferenceUID = DICOMTag(0x0020, 0x0052)
    /// Laterality (0020,0060) CS
    public static let laterality = DICOMTag(0x0020, 0x0060)
    /// Image Laterality (0020,0062) CS
    public static let imageLaterality = DICOMTag(0x0020, 0x0062)
    /// Position Reference Indicator (0020,1040) LO
    public static let positionReferenceIndicator = DICOMTag(0x0020, 0x1040)
    /// Slice Location (0020,1041) DS
    public static let sliceLocation = DICOMTag(0x0020, 0x1041)
    /// Samples per Pixel (0028,0002) US
    public static let samplesPerPixel = DICOMTag(0x0028, 0x0002)
    /// Photometric Interpretation (0028,0004) CS
    public static let photometricInterpretation = DICOMTag(0x0028, 0x0004)
    /// Rows (0028,0010) US
    public static let rows = DICOMTag(0x0028, 0x0010)
    /// Columns (0028,0011) US
    public static let columns = DICOMTag(0x0028, 0x0011)
    /// Pixel Spacing (0028,0030) DS
    public static let pixelSpacing = DICOMTag(0x0028, 0x0030)
    /// Bits Allocated (0028,0100) US
    public static let bitsAllocated = DICOMTag(0x0028, 0x0100)
    /// Bits Stored (0028,0101) US
    public static let bitsStored = DICOMTag(0x0028, 0x0101)
    /// High Bit (0028,0102) US
    public static let highBit = DICOMTag(0x0028, 0x0102)
    /// Pixel Representation (0028,0103) US
    public static let pixelRepresentation = DICOMTag(0x0028, 0x0103)
    /// Window Center (0028,1050) DS
    public static let windowCenter = DICOMTag(0x0028, 0x1050)
    /// Window Width (0028,1051) DS
    public static let windowWidth = DICOMTag(0x0028, 0x1051)
    /// Rescale Intercept (0028,1052) DS
    public static let rescaleIntercept = DICOMTag(0x0028, 0x1052)
    /// Rescale Slope (0028,1053) DS
    public static let rescaleSlope = DICOMTag(0x0028, 0x1053)
    /// Requested Procedure Description (0032,1060) LO
    public static let requestedProcedureDescription = DICOMTag(0x0032, 0x1060)
    /// Requested Procedure Code Sequence (0032,1064) SQ
    public static let requestedProcedureCodeSequence = DICOMTag(0x0032, 0x1064)
    /// Universal Entity ID (0040,0032) UT
    public static let universalEntityID = DICOMTag(0x0040, 0x0032)
    /// Universal Entity ID Type (0040,0033) CS
    public static let universalEntityIDType = DICOMTag(0x0040, 0x0033)
    /// Requested Procedure ID (0040,1001) SH
    public static let requestedProcedureID = DICOMTag(0x0040, 0x1001)
    /// Placer Order Number / Imaging Service Request (0040,2016) LO
    public static let placerOrderNumberImagingServiceRequest = DICOMTag(0x0040, 0x2016)
    /// Filler Order Number / Imaging Service Request (0040,2017) LO
    public static let fillerOrderNumberImagingServiceRequest = DICOMTag(0x0040, 0x2017)
    /// Relationship Type (0040,A010) CS
    public static let relationshipType = DICOMTag(0x0040, 0xA010)
    /// Value Type (0040,A040) CS
    public static let valueType = DICOMTag(0x0040, 0xA040)
    /// Concept Name Code Sequence (0040,A043) SQ
    public static let conceptNameCodeSequence = DICOMTag(0x0040, 0xA043)
    /// Continuity Of Content (0040,A050) CS
    public static let continuityOfContent = DICOMTag(0x0040, 0xA050)
    /// Text Value (0040,A160) UT
    public static let textValue = DICOMTag(0x0040, 0xA160)
    /// Referenced Request Sequence (0040,A370) SQ
    public static let referencedRequestSequence = DICOMTag(0x0040, 0xA370)
    /// Current Requested Procedure Evidence Sequence (0040,A375) SQ
    public static let currentRequestedProcedureEvidenceSequence = DICOMTag(0x0040, 0xA375)
    /// Content Template Sequence (0040,A504) SQ
    public static let contentTemplateSequence = DICOMTag(0x0040, 0xA504)
    /// Content Sequence (0040,A730) SQ
    public static let contentSequence = DICOMTag(0x0040, 0xA730)
    /// Template Identifier (0040,DB00) CS
    public static let templateIdentifier = DICOMTag(0x0040, 0xDB00)
    /// Retrieve Location UID (0040,E011) UI
    public static let retrieveLocationUID = DICOMTag(0x0040, 0xE011)
    /// Pixel Data (7FE0,0010) OW
    public static let pixelData = DICOMTag(0x7FE0, 0x0010)
    /// Patient Position (0018,5100) CS
    public static let patientPosition = DICOMTag(0x0018, 0x5100)
    /// Imager Pixel Spacing (0018,1164) DS
    public static let imagerPixelSpacing = DICOMTag(0x0018, 0x1164)
    /// Positioner Type (0018,1508) CS
    public static let positionerType = DICOMTag(0x0018, 0x1508)
    /// Detector Type (0018,7004) CS
    public static let detectorType = DICOMTag(0x0018, 0x7004)
    /// Anatomic Region Sequence (0008,2218) SQ
    public static let anatomicRegionSequence = DICOMTag(0x0008, 0x2218)
    /// Burned In Annotation (0028,0301) CS
    public static let burnedInAnnotation = DICOMTag(0x0028, 0x0301)
    /// Pixel Intensity Relationship (0028,1040) CS
    public static let pixelIntensityRelationship = DICOMTag(0x0028, 0x1040)
    /// Pixel Intensity Relationship Sign (0028,1041) SS
    public static let pixelIntensityRelationshipSign = DICOMTag(0x0028, 0x1041)
    /// Rescale Type (0028,1054) LO
    public static let rescaleType = DICOMTag(0x0028, 0x1054)
    /// Lossy Image Compression (0028,2110) CS
    public static let lossyImageCompression = DICOMTag(0x0028, 0x2110)
    /// Organ Exposed (0040,0318) CS
    public static let organExposed = DICOMTag(0x0040, 0x0318)
    /// Acquisition Context Sequence (0040,0555) SQ
    public static let acquisitionContextSequence = DICOMTag(0x0040, 0x0555)
    /// View Code Sequence (0054,0220) SQ
    public static let viewCodeSequence = DICOMTag(0x0054, 0x0220)
    /// View Modifier Code Sequence (0054,0222) SQ
    public static let viewModifierCodeSequence = DICOMTag(0x0054, 0x0222)
    /// Presentation LUT Shape (2050,0020) CS
    public static let presentationLUTShape = DICOMTag(0x2050, 0x0020)
}

/// The VR of each tag the fixtures use: for the setters that take no VR, and for reading Implicit VR Little Endian,
/// which carries none (PS3.5 §7.1.3).
enum DICOMDictionary {
    static let vrs: [DICOMTag: DICOMVR] = [
        .fileMetaInformationGroupLength: .UL,
        .fileMetaInformationVersion: .OB,
        .mediaStorageSOPClassUID: .UI,
        .mediaStorageSOPInstanceUID: .UI,
        .transferSyntaxUID: .UI,
        .implementationClassUID: .UI,
        .implementationVersionName: .SH,
        .specificCharacterSet: .CS,
        .imageType: .CS,
        .instanceCreationDate: .DA,
        .instanceCreationTime: .TM,
        .sopClassUID: .UI,
        .sopInstanceUID: .UI,
        .studyDate: .DA,
        .seriesDate: .DA,
        .contentDate: .DA,
        .studyTime: .TM,
        .seriesTime: .TM,
        .contentTime: .TM,
        .accessionNumber: .SH,
        .retrieveAETitle: .AE,
        .modality: .CS,
        .presentationIntentType: .CS,
        .manufacturer: .LO,
        .institutionName: .LO,
        .referringPhysicianName: .PN,
        .codeValue: .SH,
        .codingSchemeDesignator: .SH,
        .codeMeaning: .LO,
        .mappingResource: .CS,
        .studyDescription: .LO,
        .seriesDescription: .LO,
        .institutionalDepartmentName: .LO,
        .manufacturerModelName: .LO,
        .referencedStudySequence: .SQ,
        .referencedPerformedProcedureStepSequence: .SQ,
        .referencedSeriesSequence: .SQ,
        .referencedSOPClassUID: .UI,
        .referencedSOPInstanceUID: .UI,
        .referencedSOPSequence: .SQ,
        .patientName: .PN,
        .patientID: .LO,
        .issuerOfPatientID: .LO,
        .issuerOfPatientIDQualifiersSequence: .SQ,
        .patientBirthDate: .DA,
        .patientSex: .CS,
        .bodyPartExamined: .CS,
        .scanningSequence: .CS,
        .sequenceVariant: .CS,
        .scanOptions: .CS,
        .mrAcquisitionType: .CS,
        .sliceThickness: .DS,
        .kvp: .DS,
        .repetitionTime: .DS,
        .echoTime: .DS,
        .echoTrainLength: .IS,
        .viewPosition: .CS,
        .studyInstanceUID: .UI,
        .seriesInstanceUID: .UI,
        .studyID: .SH,
        .seriesNumber: .IS,
        .acquisitionNumber: .IS,
        .instanceNumber: .IS,
        .patientOrientation: .CS,
        .imagePositionPatient: .DS,
        .imageOrientationPatient: .DS,
        .frameOfReferenceUID: .UI,
        .laterality: .CS,
        .imageLaterality: .CS,
        .positionReferenceIndicator: .LO,
        .sliceLocation: .DS,
        .samplesPerPixel: .US,
        .photometricInterpretation: .CS,
        .rows: .US,
        .columns: .US,
        .pixelSpacing: .DS,
        .bitsAllocated: .US,
        .bitsStored: .US,
        .highBit: .US,
        .pixelRepresentation: .US,
        .windowCenter: .DS,
        .windowWidth: .DS,
        .rescaleIntercept: .DS,
        .rescaleSlope: .DS,
        .requestedProcedureDescription: .LO,
        .requestedProcedureCodeSequence: .SQ,
        .universalEntityID: .UT,
        .universalEntityIDType: .CS,
        .requestedProcedureID: .SH,
        .placerOrderNumberImagingServiceRequest: .LO,
        .fillerOrderNumberImagingServiceRequest: .LO,
        .relationshipType: .CS,
        .valueType: .CS,
        .conceptNameCodeSequence: .SQ,
        .continuityOfContent: .CS,
        .textValue: .UT,
        .referencedRequestSequence: .SQ,
        .currentRequestedProcedureEvidenceSequence: .SQ,
        .contentTemplateSequence: .SQ,
        .contentSequence: .SQ,
        .templateIdentifier: .CS,
        .retrieveLocationUID: .UI,
        .pixelData: .OW,
        .patientPosition: .CS,
        .imagerPixelSpacing: .DS,
        .positionerType: .CS,
        .detectorType: .CS,
        .anatomicRegionSequence: .SQ,
        .burnedInAnnotation: .CS,
        .pixelIntensityRelationship: .CS,
        .pixelIntensityRelationshipSign: .SS,
        .rescaleType: .LO,
        .lossyImageCompression: .CS,
        .organExposed: .CS,
        .acquisitionContextSequence: .SQ,
        .viewCodeSequence: .SQ,
        .viewModifierCodeSequence: .SQ,
        .presentationLUTShape: .CS,
    ]

    /// The dictionary VR of `tag`. Calling it with a tag the dictionary lacks is a programming error.
    static func vr(of tag: DICOMTag) -> DICOMVR {
        guard let vr = vrs[tag] else { preconditionFailure("no VR known for DICOM tag \(tag)") }
        return vr
    }
}
