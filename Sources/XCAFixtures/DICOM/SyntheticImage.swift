import XCAModel

/// A small synthetic DICOM image (CT, MR, CR, DX, MG, US storage): the study context, the series and instance, and
/// 16-bit monochrome pixel data with a visible pattern — a phantom disc whose inner structure moves with the
/// instance number, a rim, a ramp background and the instance number as a bar code in the top rows. The attributes
/// follow each IOD closely enough that dciodvfy (dicom3tools) finds no errors.
struct SyntheticImage: Sendable {
    var study: DICOMStudyContext
    var sopClass: DICOMSOPClass
    var seriesInstanceUID: SeriesInstanceUID
    var seriesNumber: Int
    var seriesDescription: String
    var bodyPart: String
    var laterality: String?
    var viewPosition: String?
    var sopInstanceUID: SOPInstanceUID
    var instanceNumber: Int
    var frameOfReferenceUID: String
    /// SNOMED CT code of the anatomy (Anatomic Region Sequence of DX and MG images).
    var anatomicRegion: CodedValue? = nil
    var rows = 64
    var columns = 64

    /// The data set, pixel data included unless `withoutPixelData` (for a lazily generated one).
    func dataSet(withoutPixelData: Bool = false) -> DICOMDataSet {
        var ds = DICOMDataSet()
        study.apply(to: &ds)
        let modality = sopClass.modality
        let crossSectional = modality == "CT" || modality == "MR"
        ds.set(
            .imageType,
            .CS,
            ["ORIGINAL", "PRIMARY"] + (modality == "CT" ? ["AXIAL"] : modality == "MR" ? ["OTHER"] : [])
        )
        ds.set(.sopClassUID, sopClass.rawValue)
        ds.set(.sopInstanceUID, sopInstanceUID.rawValue)
        ds.set(.seriesDate, study.studyDate)
        ds.set(.contentDate, study.studyDate)
        ds.set(.seriesTime, study.studyTime)
        ds.set(.contentTime, study.studyTime)
        ds.set(.modality, modality)
        if modality == "DX" || modality == "MG" { ds.set(.presentationIntentType, "FOR PRESENTATION") }
        ds.set(.seriesDescription, seriesDescription)
        ds.set(.manufacturerModelName, "Synthetic \(modality)")
        ds.set(.bodyPartExamined, bodyPart)
        // Mammography names its view in the View Code Sequence; View Position's defined terms are DX's.
        if let viewPosition, modality != "MG" { ds.set(.viewPosition, viewPosition) }
        ds.set(.seriesInstanceUID, seriesInstanceUID.rawValue)
        ds.set(.seriesNumber, String(seriesNumber))
        ds.set(.instanceNumber, String(instanceNumber))
        let projection = modality == "MG" || modality == "DX"
        if let laterality {
            // Projection images carry laterality per image; series-level Laterality is for the other modalities.
            ds.set(projection ? .imageLaterality : .laterality, laterality)
        }
        switch modality {
        case "US": ds.set(.patientOrientation, "")
        case "MG": ds.set(.patientOrientation, .CS, ["A", laterality == "L" ? "R" : "L"])
        case "CR", "DX": ds.set(.patientOrientation, .CS, ["L", "F"])
        default: ds.set(.patientPosition, "HFS")
        }
        if projection { applyDigitalXRay(to: &ds) }
        if crossSectional {
            let position = Double(instanceNumber - 1) * 5
            ds.set(.sliceThickness, "5")
            ds.set(.imagePositionPatient, .DS, ["-120", "-120", Self.decimal(position)])
            ds.set(.imageOrientationPatient, .DS, ["1", "0", "0", "0", "1", "0"])
            ds.set(.frameOfReferenceUID, frameOfReferenceUID)
            ds.set(.positionReferenceIndicator, "")
            ds.set(.sliceLocation, Self.decimal(position))
            ds.set(.acquisitionNumber, "1")
        }
        switch modality {
        case "CT":
            ds.set(.kvp, "120")
            ds.set(.rescaleIntercept, "-1024")
            ds.set(.rescaleSlope, "1")
        case "MR":
            ds.set(.scanningSequence, "SE")
            ds.set(.sequenceVariant, "NONE")
            ds.set(.scanOptions, "")
            ds.set(.mrAcquisitionType, "2D")
            ds.set(.repetitionTime, "3000")
            ds.set(.echoTime, "30")
            ds.set(.echoTrainLength, "8")
        default:
            break
        }
        ds.set(.samplesPerPixel, uint16: 1)
        ds.set(.photometricInterpretation, "MONOCHROME2")
        ds.set(.rows, uint16: UInt16(rows))
        ds.set(.columns, uint16: UInt16(columns))
        if crossSectional { ds.set(.pixelSpacing, .DS, ["0.5", "0.5"]) }
        ds.set(.bitsAllocated, uint16: UInt16(bitsAllocated))
        ds.set(.bitsStored, uint16: UInt16(bitsStored))
        ds.set(.highBit, uint16: UInt16(bitsStored - 1))
        ds.set(.pixelRepresentation, uint16: 0)
        ds.set(.windowCenter, String(1 << (bitsStored - 1)))
        ds.set(.windowWidth, String(1 << bitsStored))
        if !withoutPixelData { ds.set(.pixelData, bitsAllocated == 8 ? .OB : .OW, bytes: phantomPixels()) }
        return ds
    }

    /// Ultrasound images are 8-bit (PS3.3 C.8.5.6.1.4 allows 8 for MONOCHROME2); the others 16 allocated, 12 stored.
    var bitsAllocated: Int { sopClass == .ultrasoundImage ? 8 : 16 }
    var bitsStored: Int { sopClass == .ultrasoundImage ? 8 : 12 }

    /// DX Image, DX Detector, DX Positioning and (for MG) Mammography Image attributes (PS3.3 C.8.11, C.8.12.2).
    func applyDigitalXRay(to ds: inout DICOMDataSet) {
        let mammography = sopClass.modality == "MG"
        ds.set(.anatomicRegionSequence, items: anatomicRegion.map { [Self.code($0)] } ?? [])
        if laterality == nil { ds.set(.imageLaterality, "U") }  // unpaired anatomy
        ds.set(.imagerPixelSpacing, .DS, ["0.5", "0.5"])
        ds.set(.positionerType, mammography ? "MAMMOGRAPHIC" : "")
        ds.set(.detectorType, "DIRECT")
        ds.set(.burnedInAnnotation, "NO")
        ds.set(.pixelIntensityRelationship, "LIN")
        ds.set(.pixelIntensityRelationshipSign, .SS, bytes: [1, 0])
        ds.set(.rescaleIntercept, "0")
        ds.set(.rescaleSlope, "1")
        ds.set(.rescaleType, "US")
        ds.set(.lossyImageCompression, "00")
        ds.set(.acquisitionContextSequence, items: [])
        ds.set(.presentationLUTShape, "IDENTITY")
        if mammography {
            ds.set(.organExposed, "BREAST")
            let view: CodedValue? =
                switch viewPosition {
                case "CC": CodedValue(code: "399162004", scheme: "SCT", displayName: "cranio-caudal")
                case "MLO": CodedValue(code: "399368009", scheme: "SCT", displayName: "medio-lateral oblique")
                default: nil
                }
            let viewItems = view.map { view -> [DICOMDataSet] in
                var item = Self.code(view)
                item.set(.viewModifierCodeSequence, items: [])
                return [item]
            }
            ds.set(.viewCodeSequence, items: viewItems ?? [])
        }
    }

    /// A code sequence item; SNOMED CT (OID 2.16.840.1.113883.6.96) has the designator SCT in DICOM.
    static func code(_ value: CodedValue) -> DICOMDataSet {
        KeyObjectSelection.code(
            value.code,
            value.scheme == FixtureCodes.snomedCT ? "SCT" : value.scheme,
            value.displayName ?? value.code
        )
    }

    /// Rows × Columns 16-bit little-endian pixels of the phantom.
    func phantomPixels() -> [UInt8] {
        let wide = bitsAllocated == 16
        var bytes = [UInt8](repeating: 0, count: rows * columns * (wide ? 2 : 1))
        let cx = columns / 2
        let cy = rows / 2
        let radius = min(rows, columns) * 3 / 8
        // An inner feature that drifts with the instance number, like anatomy through slices.
        let fx = cx + (instanceNumber * 5 % 17) - 8
        let fy = cy - radius / 3 + seriesNumber % 5
        let featureRadius = max(2, radius / 4 + instanceNumber % 3)
        for y in 0..<rows {
            for x in 0..<columns {
                let d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy)
                let f2 = (x - fx) * (x - fx) + (y - fy) * (y - fy)
                var value: Int
                if d2 < radius * radius {
                    value =
                        f2 < featureRadius * featureRadius
                        ? 2900 : 1200 + ((x * 7 + y * 13 + instanceNumber * 31) & 0xFF)
                } else if d2 < (radius + 3) * (radius + 3) {
                    value = 3600
                } else {
                    value = 100 + y * 4
                }
                // The instance number in binary as 4-pixel bars along the top edge.
                if y < 4, x < 64, (instanceNumber >> (x / 4)) & 1 == 1 { value = 4000 }
                if wide {
                    let offset = (y * columns + x) * 2
                    bytes[offset] = UInt8(truncatingIfNeeded: value)
                    bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
                } else {
                    bytes[y * columns + x] = UInt8(truncatingIfNeeded: value >> 4)
                }
            }
        }
        return bytes
    }

    /// A DS value without a trailing `.0`.
    static func decimal(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
