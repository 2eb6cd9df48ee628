import XCAModel

/// A DICOM Part-10 file as read back: its File Meta Information, its data set and where its pixel data lies.
public struct DICOMFile: Sendable {
    public var fileMetaInformation: DICOMDataSet
    /// The data set. When read with `stopAtPixelData`, it ends before Pixel Data (7FE0,0010).
    public var dataSet: DICOMDataSet
    public var transferSyntax: TransferSyntaxUID
    /// Byte offset of the Pixel Data value in the file, when the data set has a top-level Pixel Data element.
    public var pixelDataOffset: Int?
    /// Length of the Pixel Data value.
    public var pixelDataLength: Int?
    /// Byte offset where the data set (after the File Meta Information) starts.
    public var dataSetOffset: Int
}
