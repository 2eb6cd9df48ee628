extension FixtureInstance {
    /// The order communities list their instances in: by Imaging Document Source, study, series, SOP instance
    /// (UID text), so that generated and loaded federations compare element by element.
    static func canonicalOrder(_ lhs: FixtureInstance, _ rhs: FixtureInstance) -> Bool {
        (
            lhs.repositoryUniqueID.rawValue, lhs.studyInstanceUID.rawValue, lhs.seriesInstanceUID.rawValue,
            lhs.sopInstanceUID.rawValue
        )
            < (
                rhs.repositoryUniqueID.rawValue, rhs.studyInstanceUID.rawValue, rhs.seriesInstanceUID.rawValue,
                rhs.sopInstanceUID.rawValue
            )
    }
}
