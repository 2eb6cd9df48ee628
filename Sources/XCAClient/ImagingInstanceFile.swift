import XCAModel

/// One DICOM instance of a study, where the viewer path puts it: `DIR/<study>/<series>/<sop>.dcm`.
public struct ImagingInstanceFile: Sendable, Hashable {
    public var studyInstanceUID: StudyInstanceUID
    public var seriesInstanceUID: SeriesInstanceUID
    public var sopInstanceUID: SOPInstanceUID
    /// The file written; nil for an instance that was not received.
    public var path: String?
    /// Bytes written.
    public var size: Int

    public init(
        studyInstanceUID: StudyInstanceUID,
        seriesInstanceUID: SeriesInstanceUID,
        sopInstanceUID: SOPInstanceUID,
        path: String? = nil,
        size: Int = 0
    ) {
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.path = path
        self.size = size
    }
}
