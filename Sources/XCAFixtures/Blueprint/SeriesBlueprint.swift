/// One series of a study: its description and how many synthetic images it has.
public struct SeriesBlueprint: Hashable, Sendable {
    public var description: String
    public var instanceCount: Int
    /// Modality when it differs from the study's.
    public var modality: String?
    /// View Position (0018,5101) for projection radiography and mammography, e.g. `PA`, `CC`, `MLO`.
    public var viewPosition: String?
    /// Laterality (0020,0060) `L` / `R` of a paired body part.
    public var laterality: String?

    public init(
        _ description: String,
        instances: Int,
        modality: String? = nil,
        viewPosition: String? = nil,
        laterality: String? = nil
    ) {
        self.description = description
        self.instanceCount = instances
        self.modality = modality
        self.viewPosition = viewPosition
        self.laterality = laterality
    }
}
