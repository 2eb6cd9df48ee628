/// `xdsi:StudyRequest`: one study and the series requested from it (RAD TF-3 4.69.4.1.2).
public struct StudyRequest: Hashable, Sendable {
    /// `@studyInstanceUID`.
    public var studyInstanceUID: StudyInstanceUID
    /// `xdsi:SeriesRequest` (1..n).
    public var series: [SeriesRequest]

    public init(studyInstanceUID: StudyInstanceUID, series: [SeriesRequest]) {
        self.studyInstanceUID = studyInstanceUID
        self.series = series
    }
}
