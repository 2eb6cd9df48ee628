/// A synthetic ebRIM AdhocQueryResponse of about `entries` × 3.9 KB, shaped like real XDS-I.b DocumentEntries
/// (slots, classifications, external identifiers), for the reader and merge benchmarks.
enum SyntheticQueryResponse {
    static func make(entries: Int, home: String = "urn:oid:1.2.826.0.1.3680043.10.1001") -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <query:AdhocQueryResponse xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" \
            xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" \
            status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"><rim:RegistryObjectList>
            """
        xml.reserveCapacity(entries * 4_000 + 1_000)
        for index in 0..<entries {
            let id = "urn:uuid:7f3c\(String(index, radix: 16).leftPadded(to: 4))-1b2c-4d5e-8f90-a1b2c3d4e5f6"
            xml += """
                <rim:ExtrinsicObject id="\(id)" lid="\(id)" home="\(home)" mimeType="application/dicom" \
                objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1" \
                status="urn:oasis:names:tc:ebxml-regrep:StatusType:Approved">
                <rim:Slot name="creationTime"><rim:ValueList><rim:Value>20260314093000</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="hash"><rim:ValueList><rim:Value>4cf6a1c2e0d5b8a97f3e2d1c0b9a8f7e6d5c4b3a</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="languageCode"><rim:ValueList><rim:Value>en-GB</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="repositoryUniqueId"><rim:ValueList><rim:Value>1.2.826.0.1.3680043.10.1001.1</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="serviceStartTime"><rim:ValueList><rim:Value>20260314090000</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="serviceStopTime"><rim:ValueList><rim:Value>20260314091500</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="size"><rim:ValueList><rim:Value>\(1_000 + index)</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="sourcePatientId"><rim:ValueList><rim:Value>9434765919^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="sourcePatientInfo"><rim:ValueList><rim:Value>PID-5|SYNTHETIC^PATIENT^^^</rim:Value><rim:Value>PID-7|19700101</rim:Value><rim:Value>PID-8|U</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString xml:lang="en-GB" charset="UTF-8" value="CT Chest with contrast — key images"/></rim:Name>
                <rim:Description/>
                <rim:VersionInfo versionName="1"/>
                <rim:Classification classificationScheme="urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d" classifiedObject="\(id)" id="\(id)-a" nodeRepresentation="" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="authorInstitution"><rim:ValueList><rim:Value>Synthetic Imaging Network^^^^^^^^^1.2.826.0.1.3680043.10.1001</rim:Value></rim:ValueList></rim:Slot>
                <rim:Slot name="authorPerson"><rim:ValueList><rim:Value>^Radiologist^Synthetic^^^Dr</rim:Value></rim:ValueList></rim:Slot>
                </rim:Classification>
                <rim:Classification classificationScheme="urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a" classifiedObject="\(id)" id="\(id)-b" nodeRepresentation="IMAGES" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="codingScheme"><rim:ValueList><rim:Value>1.3.6.1.4.1.19376.1.2.6.1</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString value="Images"/></rim:Name></rim:Classification>
                <rim:Classification classificationScheme="urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" classifiedObject="\(id)" id="\(id)-c" nodeRepresentation="N" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="codingScheme"><rim:ValueList><rim:Value>2.16.840.1.113883.5.25</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString value="Normal"/></rim:Name></rim:Classification>
                <rim:Classification classificationScheme="urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d" classifiedObject="\(id)" id="\(id)-d" nodeRepresentation="1.2.840.10008.5.1.4.1.1.88.59" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="codingScheme"><rim:ValueList><rim:Value>1.2.840.10008.2.6.1</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString value="Key Object Selection Document"/></rim:Name></rim:Classification>
                <rim:Classification classificationScheme="urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead" classifiedObject="\(id)" id="\(id)-e" nodeRepresentation="394914008" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="codingScheme"><rim:ValueList><rim:Value>2.16.840.1.113883.6.96</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString value="Radiology"/></rim:Name></rim:Classification>
                <rim:Classification classificationScheme="urn:uuid:f0306f51-975f-434e-a61c-c59651d33983" classifiedObject="\(id)" id="\(id)-f" nodeRepresentation="18748-4" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification">
                <rim:Slot name="codingScheme"><rim:ValueList><rim:Value>2.16.840.1.113883.6.1</rim:Value></rim:ValueList></rim:Slot>
                <rim:Name><rim:LocalizedString value="Diagnostic imaging study"/></rim:Name></rim:Classification>
                <rim:ExternalIdentifier id="\(id)-p" registryObject="\(id)" identificationScheme="urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier" value="9434765919^^^&amp;2.16.840.1.113883.2.1.4.1&amp;ISO">
                <rim:Name><rim:LocalizedString value="XDSDocumentEntry.patientId"/></rim:Name></rim:ExternalIdentifier>
                <rim:ExternalIdentifier id="\(id)-u" registryObject="\(id)" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier" value="1.2.826.0.1.3680043.10.1001.2.\(index)">
                <rim:Name><rim:LocalizedString value="XDSDocumentEntry.uniqueId"/></rim:Name></rim:ExternalIdentifier>
                </rim:ExtrinsicObject>

                """
        }
        xml += "</rim:RegistryObjectList></query:AdhocQueryResponse>\n"
        return Array(xml.utf8)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
