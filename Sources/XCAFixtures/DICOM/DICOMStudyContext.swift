import XCAModel

/// What every instance of a study repeats: the Patient and General Study modules (DICOM PS3.3 C.7.1.1, C.7.2.1),
/// the SOP Common character set, and the equipment and institution.
struct DICOMStudyContext: Sendable {
    var patientName: String
    var nhsNumber: NHSNumber
    var patientBirthDate: String
    var patientSex: String
    var studyInstanceUID: StudyInstanceUID
    var studyDate: String
    /// `HHMMSS`.
    var studyTime: String
    var accessionNumber: String
    var studyDescription: String
    var referringPhysician: String
    var studyID: String
    var institutionName: String

    /// Writes the Patient, General Study and General Equipment attributes and the character set. Patient ID is the
    /// NHS number, issued by "NHS" with the NHS number OID as its universal entity ID (PS3.3 C.7.1.1, Issuer of
    /// Patient ID Qualifiers Sequence).
    func apply(to dataSet: inout DICOMDataSet) {
        dataSet.set(.specificCharacterSet, "ISO_IR 192")
        dataSet.set(.studyDate, studyDate)
        dataSet.set(.studyTime, studyTime)
        dataSet.set(.accessionNumber, accessionNumber)
        dataSet.set(.manufacturer, "xca-gateway synthetic fixtures")
        dataSet.set(.institutionName, institutionName)
        dataSet.set(.referringPhysicianName, referringPhysician)
        dataSet.set(.studyDescription, studyDescription)
        dataSet.set(.patientName, patientName)
        dataSet.set(.patientID, nhsNumber.rawValue)
        dataSet.set(.issuerOfPatientID, "NHS")
        var issuer = DICOMDataSet()
        issuer.set(.universalEntityID, PatientID.nhsNumberAuthority.rawValue)
        issuer.set(.universalEntityIDType, "ISO")
        dataSet.set(.issuerOfPatientIDQualifiersSequence, items: [issuer])
        dataSet.set(.patientBirthDate, patientBirthDate)
        dataSet.set(.patientSex, patientSex)
        dataSet.set(.studyInstanceUID, studyInstanceUID.rawValue)
        dataSet.set(.studyID, studyID)
    }
}
