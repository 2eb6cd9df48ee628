import XCAModel

/// An XDS-I.b imaging manifest: a DICOM Key Object Selection Document (SOP Class 1.2.840.10008.5.1.4.1.1.88.59)
/// whose Current Requested Procedure Evidence Sequence names every study, series and SOP instance shared, each
/// series with the Retrieve Location UID (0040,E011) of the Imaging Document Source that holds it, and whose
/// content tree (TID 2010, document title (113030, DCM, "Manifest")) references each image (RAD TF-3 4.68.4.1.2.2
/// (≈); DICOM PS3.3 C.17.6, C.17.2).
struct KeyObjectSelection: Sendable {
    struct EvidenceSeries: Sendable {
        var seriesInstanceUID: SeriesInstanceUID
        /// The repositoryUniqueId of the Imaging Document Source (RAD-69 addresses it).
        var retrieveLocationUID: RepositoryUniqueID
        var instances: [(sopClassUID: String, sopInstanceUID: SOPInstanceUID)]
    }

    var study: DICOMStudyContext
    var seriesInstanceUID: SeriesInstanceUID
    var sopInstanceUID: SOPInstanceUID
    var contentDate: String
    var contentTime: String
    var requestedProcedureID: String
    var evidence: [EvidenceSeries]

    func dataSet() -> DICOMDataSet {
        var ds = DICOMDataSet()
        study.apply(to: &ds)
        ds.set(.instanceCreationDate, contentDate)
        ds.set(.instanceCreationTime, contentTime)
        ds.set(.sopClassUID, DICOMSOPClass.keyObjectSelectionDocument.rawValue)
        ds.set(.sopInstanceUID, sopInstanceUID.rawValue)
        ds.set(.contentDate, contentDate)
        ds.set(.contentTime, contentTime)
        ds.set(.modality, "KO")
        ds.set(.seriesDescription, "XDS-I.b imaging manifest")
        // Key Object Document Series: Referenced Performed Procedure Step Sequence, type 2 (empty).
        ds.set(.referencedPerformedProcedureStepSequence, items: [])
        ds.set(.seriesInstanceUID, seriesInstanceUID.rawValue)
        ds.set(.seriesNumber, "999")
        ds.set(.instanceNumber, "1")

        // Referenced Request Sequence: the order the study fulfils (accession number).
        var request = DICOMDataSet()
        request.set(.accessionNumber, study.accessionNumber)
        request.set(.referencedStudySequence, items: [])
        request.set(.studyInstanceUID, study.studyInstanceUID.rawValue)
        request.set(.requestedProcedureDescription, study.studyDescription)
        request.set(.requestedProcedureCodeSequence, items: [])
        request.set(.requestedProcedureID, requestedProcedureID)
        request.set(.placerOrderNumberImagingServiceRequest, "")
        request.set(.fillerOrderNumberImagingServiceRequest, "")
        ds.set(.referencedRequestSequence, items: [request])

        // Current Requested Procedure Evidence Sequence: study → series (with Retrieve Location UID) → SOP instances.
        let series = evidence.map { series -> DICOMDataSet in
            var item = DICOMDataSet()
            item.set(
                .referencedSOPSequence,
                items: series.instances.map { Self.sopReference($0.sopClassUID, $0.sopInstanceUID) }
            )
            item.set(.seriesInstanceUID, series.seriesInstanceUID.rawValue)
            item.set(.retrieveLocationUID, series.retrieveLocationUID.rawValue)
            return item
        }
        var studyItem = DICOMDataSet()
        studyItem.set(.referencedSeriesSequence, items: series)
        studyItem.set(.studyInstanceUID, study.studyInstanceUID.rawValue)
        ds.set(.currentRequestedProcedureEvidenceSequence, items: [studyItem])

        // SR Document Content: CONTAINER (113030, DCM, "Manifest"), TID 2010, one IMAGE per referenced instance.
        ds.set(.valueType, "CONTAINER")
        ds.set(.conceptNameCodeSequence, items: [Self.code("113030", "DCM", "Manifest")])
        ds.set(.continuityOfContent, "SEPARATE")
        var template = DICOMDataSet()
        template.set(.mappingResource, "DCMR")
        template.set(.templateIdentifier, "2010")
        ds.set(.contentTemplateSequence, items: [template])
        var content: [DICOMDataSet] = []
        for series in evidence {
            for instance in series.instances {
                var image = DICOMDataSet()
                image.set(
                    .referencedSOPSequence,
                    items: [Self.sopReference(instance.sopClassUID, instance.sopInstanceUID)]
                )
                image.set(.relationshipType, "CONTAINS")
                image.set(.valueType, "IMAGE")
                content.append(image)
            }
        }
        // Undefined length here, defined elsewhere: both encodings occur in real manifests (PS3.5 §7.5.2).
        ds.set(.contentSequence, items: content, undefinedLength: true)
        return ds
    }

    static func sopReference(_ sopClassUID: String, _ sopInstanceUID: SOPInstanceUID) -> DICOMDataSet {
        var item = DICOMDataSet()
        item.set(.referencedSOPClassUID, sopClassUID)
        item.set(.referencedSOPInstanceUID, sopInstanceUID.rawValue)
        return item
    }

    static func code(_ value: String, _ scheme: String, _ meaning: String) -> DICOMDataSet {
        var item = DICOMDataSet()
        item.set(.codeValue, value)
        item.set(.codingSchemeDesignator, scheme)
        item.set(.codeMeaning, meaning)
        return item
    }
}
