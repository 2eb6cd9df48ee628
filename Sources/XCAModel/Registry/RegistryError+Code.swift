extension RegistryError {
    /// `rs:RegistryError/@errorCode`. An open vocabulary: partners send codes of their own (e.g. dcm4chee's
    /// `urn:dicom:wado:0006`), which pass through unchanged.
    ///
    /// ITI TF-3 Table 4.2.4.1-2 (≈), ITI TF-2 3.38.4.1.3, RAD TF-3 4.69.4.2.3 (≈).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// The homeCommunityId is not recognised (ITI TF-2 3.38.4.1.3).
        public static let unknownCommunity = Code(rawValue: "XDSUnknownCommunity")
        /// A homeCommunityId was required and is missing (ITI TF-2 3.38.4.1.3).
        public static let missingHomeCommunityID = Code(rawValue: "XDSMissingHomeCommunityId")
        /// A community that would have been contacted was not available (ITI TF-2 3.38.4.1.3).
        public static let unavailableCommunity = Code(rawValue: "XDSUnavailableCommunity")
        /// Internal registry error; also used for requests that cannot be understood.
        public static let registryError = Code(rawValue: "XDSRegistryError")
        public static let repositoryError = Code(rawValue: "XDSRepositoryError")
        public static let registryNotAvailable = Code(rawValue: "XDSRegistryNotAvailable")
        public static let repositoryBusy = Code(rawValue: "XDSRepositoryBusy")
        public static let unknownPatientID = Code(rawValue: "XDSUnknownPatientId")
        public static let tooManyResults = Code(rawValue: "XDSTooManyResults")
        public static let unknownStoredQuery = Code(rawValue: "XDSUnknownStoredQuery")
        public static let storedQueryMissingParam = Code(rawValue: "XDSStoredQueryMissingParam")
        /// A single-valued parameter was given several values, or both of a one-of pair were given.
        public static let storedQueryParamNumber = Code(rawValue: "XDSStoredQueryParamNumber")
        public static let documentUniqueIDError = Code(rawValue: "XDSDocumentUniqueIdError")
        public static let missingDocument = Code(rawValue: "XDSMissingDocument")
        public static let unknownRepositoryID = Code(rawValue: "XDSUnknownRepositoryId")
        public static let resultNotSinglePatient = Code(rawValue: "XDSResultNotSinglePatient")
        /// XDS-I.b: unknown Imaging Document Source (RAD TF-3 4.69.4.2.3 (≈)).
        public static let xdsiUnknownIdsUid = Code(rawValue: "XDSIUnknownIdsUid")
    }
}
