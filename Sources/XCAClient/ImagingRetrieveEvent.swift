import XCAModel

/// Progress of a retrieve of images, as it happens (for a progress bar or log lines).
public enum ImagingRetrieveEvent: Sendable {
    /// What will be asked for, once the manifests are read.
    case planned(studies: Int, series: Int, instances: Int)
    /// A study's RAD-75 request is being sent.
    case studyStarted(StudyInstanceUID, instances: Int)
    /// DICOM bytes received (reported as they stream).
    case received(bytes: Int)
    /// An instance was written completely.
    case written(ImagingInstanceFile)
    /// A study's answer has ended: how many of its instances were written.
    case studyFinished(StudyInstanceUID, written: Int, requested: Int)
}
