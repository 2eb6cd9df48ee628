import Foundation

/// The file name extension for a document's mimeType, for the files ITI-39 retrieves write.
public enum MIMEFileExtension {
    private static let known: [String: String] = [
        "application/dicom": "dcm",
        "application/pdf": "pdf",
        "application/xml": "xml",
        "text/xml": "xml",
        "application/hl7-v3+xml": "xml",
        "application/fhir+xml": "xml",
        "application/json": "json",
        "application/fhir+json": "json",
        "text/plain": "txt",
        "text/html": "html",
        "text/rtf": "rtf",
        "image/jpeg": "jpg",
        "image/png": "png",
        "image/tiff": "tif",
        "application/octet-stream": "bin",
    ]

    /// `dcm` for `application/dicom`, `xml` for `text/xml; charset=UTF-8`…; `bin` for anything unknown.
    public static func of(_ mimeType: String) -> String {
        let type =
            mimeType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return known[type.lowercased()] ?? "bin"
    }
}
