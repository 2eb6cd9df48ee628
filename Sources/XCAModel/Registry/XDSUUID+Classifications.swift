extension XDSUUID {
    // MARK: SubmissionSet and Folder classification schemes (ITI TF-3 4.2.5 (≈), Table 4.2.5-1 (≈))

    /// SubmissionSet author (`authorPerson`, `authorInstitution` slots), as on DocumentEntries.
    public static let submissionSetAuthor = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d"
    /// SubmissionSet contentTypeCode.
    public static let submissionSetContentTypeCode = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500"
    /// Folder codeList (0..n).
    public static let folderCodeList = "urn:uuid:1ba97051-7806-41a8-a48b-8fce7af683c5"
}
