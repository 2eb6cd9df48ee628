extension FixtureBlueprint {
    // Reporting radiologists and referrers: invented people.
    private static let okafor = "^Okafor^Nia^^^Dr"
    private static let lindqvist = "^Lindqvist^Tomas^^^Dr"
    private static let braithwaite = "^Braithwaite^Priya^^^Dr"
    private static let mcallister = "^McAllister^Rory^^^Dr"
    private static let chaudhry = "^Chaudhry^Sana^^^Dr"
    private static let penrose = "^Penrose^Hugo^^^Dr"

    /// The studies of `standard`, in the order the registries list them.
    static let standardStudies: [StudyBlueprint] = [
        // p01 Ada Testwell: known in all three communities.
        StudyBlueprint(
            key: "p01-north-ct-head",
            patient: "p01",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-northfell",
            repository: "north-documents",
            performingInstitution: "northfell",
            referringPhysician: "HALVERSON^Iris^^Dr",
            date: "20230214",
            time: "0912",
            accessionNumber: "NFH23021401",
            description: "CT Head without contrast",
            modality: "CT",
            bodyPart: FixtureCodes.head,
            series: [
                SeriesBlueprint("Axial 5mm brain", instances: 4), SeriesBlueprint("Axial 2mm bone", instances: 3),
            ],
            report: ReportBlueprint(
                author: okafor,
                time: "1105",
                indication: "Fall at home, brief loss of consciousness. On anticoagulation.",
                findings:
                    "No intracranial haemorrhage, mass effect or midline shift. Grey-white differentiation preserved. "
                    + "Age-appropriate involutional change. No skull vault fracture.",
                conclusion: "No acute intracranial abnormality."
            ),
            facilityType: FixtureCodes.emergencyDepartment
        ),
        StudyBlueprint(
            key: "p01-midlands-mr-knee",
            patient: "p01",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "kingsmere",
            referringPhysician: "OYELARAN^Femi^^Mr",
            date: "20230905",
            time: "1430",
            accessionNumber: "KUH2309050044",
            description: "MR Knee right",
            modality: "MR",
            bodyPart: FixtureCodes.knee,
            series: [
                SeriesBlueprint("Sagittal PD fat sat", instances: 3, laterality: "R"),
                SeriesBlueprint("Coronal T1", instances: 3, laterality: "R"),
            ],
            report: ReportBlueprint(
                author: lindqvist,
                time: "1712",
                indication: "Medial joint line pain after twisting injury. ? meniscal tear.",
                findings:
                    "Horizontal tear of the posterior horn of the medial meniscus reaching the inferior articular "
                    + "surface. Cruciate and collateral ligaments intact. Small joint effusion.",
                conclusion: "Medial meniscal tear, posterior horn."
            ),
            practiceSetting: FixtureCodes.traumaAndOrthopaedics,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        StudyBlueprint(
            key: "p01-south-west-dx-chest",
            patient: "p01",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "saltmarsh",
            referringPhysician: "TREVELYAN^Kit^^Dr",
            date: "20240620",
            time: "1047",
            accessionNumber: "SBG240620117",
            description: "XR Chest PA and lateral",
            modality: "DX",
            bodyPart: FixtureCodes.chest,
            series: [
                SeriesBlueprint("PA", instances: 1, viewPosition: "PA"),
                SeriesBlueprint("Lateral", instances: 1, viewPosition: "LL"),
            ],
            report: ReportBlueprint(
                author: braithwaite,
                time: "1530",
                indication: "Persistent cough for six weeks. Ex-smoker.",
                findings: "Heart size normal. Lungs clear. No pleural effusion or pneumothorax. No hilar mass.",
                conclusion: "Normal chest radiograph."
            )
        ),
        // p02 Benedict Mockford: north and midlands; the preliminary CT report was superseded.
        StudyBlueprint(
            key: "p02-north-ct-cap",
            patient: "p02",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-ashcombe",
            repository: "north-documents",
            performingInstitution: "ashcombe",
            referringPhysician: "MWANGI^Esther^^Dr",
            date: "20221130",
            time: "1015",
            accessionNumber: "ARI22113009",
            description: "CT Chest abdomen and pelvis with contrast",
            modality: "CT",
            bodyPart: FixtureCodes.chestAbdomenPelvis,
            series: [
                SeriesBlueprint("Arterial phase chest", instances: 3),
                SeriesBlueprint("Portal venous abdomen pelvis", instances: 3),
            ],
            report: ReportBlueprint(
                author: mcallister,
                time: "1640",
                indication: "Weight loss and iron deficiency anaemia. Staging.",
                findings:
                    "Circumferential thickening of the sigmoid colon over 5 cm with adjacent fat stranding and two "
                    + "subcentimetre mesenteric nodes. Liver, lungs and bones: no metastatic disease. "
                    + "Addendum: comparison with the outside colonoscopy confirms the sigmoid lesion.",
                conclusion:
                    "Sigmoid colon lesion in keeping with primary malignancy, locoregional nodes, no distant spread."
            ),
            preliminaryReport: ReportBlueprint(
                author: mcallister,
                time: "1210",
                indication: "Weight loss and iron deficiency anaemia. Staging.",
                findings: "Sigmoid colon wall thickening with surrounding stranding. Liver and lungs clear on this "
                    + "preliminary review.",
                conclusion: "Preliminary: sigmoid colon thickening; full report to follow."
            )
        ),
        StudyBlueprint(
            key: "p02-midlands-cr-chest",
            patient: "p02",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "brackenford",
            referringPhysician: "DASGUPTA^Anil^^Dr",
            date: "20230412",
            time: "0830",
            accessionNumber: "BDH230412005",
            description: "XR Chest PA",
            modality: "CR",
            bodyPart: FixtureCodes.chest,
            series: [SeriesBlueprint("PA", instances: 1, viewPosition: "PA")],
            report: ReportBlueprint(
                author: chaudhry,
                time: "1120",
                indication: "Pre-operative assessment.",
                findings: "Normal cardiomediastinal contour. Clear lungs. No effusion.",
                conclusion: "No active chest disease."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p03 Chloe Sampleton: north only.
        StudyBlueprint(
            key: "p03-north-mg-screening",
            patient: "p03",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-northfell",
            repository: "north-documents",
            performingInstitution: "kestrel",
            referringPhysician: "SCREENING^Breast^^",
            date: "20240122",
            time: "1340",
            accessionNumber: "KMD24012231",
            description: "MG Bilateral screening mammography",
            modality: "MG",
            bodyPart: FixtureCodes.breast,
            series: [
                SeriesBlueprint("R CC", instances: 1, viewPosition: "CC", laterality: "R"),
                SeriesBlueprint("R MLO", instances: 1, viewPosition: "MLO", laterality: "R"),
                SeriesBlueprint("L CC", instances: 1, viewPosition: "CC", laterality: "L"),
                SeriesBlueprint("L MLO", instances: 1, viewPosition: "MLO", laterality: "L"),
            ],
            report: ReportBlueprint(
                author: penrose,
                time: "1615",
                indication: "Routine three-yearly screening.",
                findings: "Scattered fibroglandular density. No mass, architectural distortion or suspicious "
                    + "calcification in either breast.",
                conclusion: "Normal screening mammogram. Routine recall."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p04 Dev Fauxley: midlands and south-west.
        StudyBlueprint(
            key: "p04-midlands-us-abdomen",
            patient: "p04",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "kingsmere",
            referringPhysician: "ROWNTREE^Jess^^Dr",
            date: "20230308",
            time: "1105",
            accessionNumber: "KUH2303080112",
            description: "US Abdomen",
            modality: "US",
            bodyPart: FixtureCodes.abdomen,
            series: [SeriesBlueprint("Abdomen survey", instances: 3)],
            report: ReportBlueprint(
                author: chaudhry,
                time: "1150",
                indication: "Right upper quadrant pain after meals.",
                findings: "Multiple mobile gallstones, largest 14 mm. Gallbladder wall not thickened. Common bile duct "
                    + "4 mm. Liver, pancreas, spleen and kidneys normal.",
                conclusion: "Cholelithiasis without cholecystitis."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        StudyBlueprint(
            key: "p04-south-west-ct-abdomen-pelvis",
            patient: "p04",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "saltmarsh",
            referringPhysician: "PELLOW^Morwenna^^Ms",
            date: "20240216",
            time: "2214",
            accessionNumber: "SBG240216388",
            description: "CT Abdomen and pelvis with contrast",
            modality: "CT",
            bodyPart: FixtureCodes.abdomenPelvis,
            series: [SeriesBlueprint("Portal venous axial", instances: 4)],
            report: ReportBlueprint(
                author: braithwaite,
                time: "2340",
                indication: "Acute right upper quadrant pain, fever, raised inflammatory markers. Known gallstones.",
                findings: "Distended gallbladder with wall thickening and pericholecystic fluid. Gallstone impacted in "
                    + "the neck. No free gas. Appendix normal.",
                conclusion: "Acute calculous cholecystitis."
            ),
            practiceSetting: FixtureCodes.emergencyMedicine,
            facilityType: FixtureCodes.emergencyDepartment
        ),
        // p05 Eleanor Dummett: south-west only; restricted.
        StudyBlueprint(
            key: "p05-south-west-mr-brain",
            patient: "p05",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "saltmarsh",
            referringPhysician: "KERNOW^Ivo^^Dr",
            date: "20240502",
            time: "0945",
            accessionNumber: "SBG240502041",
            description: "MR Brain with contrast",
            modality: "MR",
            bodyPart: FixtureCodes.brain,
            series: [
                SeriesBlueprint("Axial FLAIR", instances: 3), SeriesBlueprint("Axial T1 post contrast", instances: 3),
            ],
            report: ReportBlueprint(
                author: lindqvist,
                time: "1400",
                indication: "Episode of visual disturbance and limb numbness.",
                findings: "Several ovoid periventricular and juxtacortical white matter lesions, one enhancing. "
                    + "No mass lesion.",
                conclusion: "Appearances suggest demyelination; correlate clinically."
            ),
            confidentiality: FixtureCodes.restricted,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p06 Farid Placebury: north and south-west.
        StudyBlueprint(
            key: "p06-north-dx-wrist",
            patient: "p06",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-ashcombe",
            repository: "north-documents",
            performingInstitution: "ashcombe",
            referringPhysician: "EMERGENCY^Department^^",
            date: "20230611",
            time: "1922",
            accessionNumber: "ARI23061188",
            description: "XR Wrist left",
            modality: "DX",
            bodyPart: FixtureCodes.wrist,
            series: [
                SeriesBlueprint("PA", instances: 1, viewPosition: "PA", laterality: "L"),
                SeriesBlueprint("Lateral", instances: 1, viewPosition: "LL", laterality: "L"),
            ],
            report: ReportBlueprint(
                author: okafor,
                time: "2105",
                indication: "Fall on outstretched hand.",
                findings:
                    "Transverse fracture of the distal radial metaphysis with dorsal angulation. Ulnar styloid intact.",
                conclusion: "Distal radius fracture."
            ),
            practiceSetting: FixtureCodes.emergencyMedicine,
            facilityType: FixtureCodes.emergencyDepartment
        ),
        StudyBlueprint(
            key: "p06-south-west-ct-head",
            patient: "p06",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "tamberley",
            referringPhysician: "EMERGENCY^Department^^",
            date: "20240830",
            time: "0310",
            accessionNumber: "TCH240830007",
            description: "CT Head without contrast",
            modality: "CT",
            bodyPart: FixtureCodes.head,
            series: [SeriesBlueprint("Axial 5mm brain", instances: 3)],
            report: ReportBlueprint(
                author: braithwaite,
                time: "0355",
                indication: "Sudden severe headache.",
                findings: "No subarachnoid or intraparenchymal haemorrhage. Ventricles normal. No hydrocephalus.",
                conclusion: "No acute intracranial haemorrhage. Consider lumbar puncture if clinical concern persists."
            ),
            practiceSetting: FixtureCodes.emergencyMedicine,
            facilityType: FixtureCodes.emergencyDepartment
        ),
        // p07 Grace Example: midlands only.
        StudyBlueprint(
            key: "p07-midlands-mr-lumbar-spine",
            patient: "p07",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "brackenford",
            referringPhysician: "FAIRWEATHER^Tom^^Dr",
            date: "20231019",
            time: "1615",
            accessionNumber: "BDH231019077",
            description: "MR Lumbar spine",
            modality: "MR",
            bodyPart: FixtureCodes.lumbarSpine,
            series: [SeriesBlueprint("Sagittal T2", instances: 3), SeriesBlueprint("Axial T2", instances: 3)],
            report: ReportBlueprint(
                author: lindqvist,
                time: "1840",
                indication: "Left-sided sciatica for three months.",
                findings: "L4/5 left paracentral disc protrusion compressing the traversing left L5 nerve root. "
                    + "Other levels unremarkable. Conus normal.",
                conclusion: "L4/5 disc protrusion with left L5 root compression."
            ),
            practiceSetting: FixtureCodes.traumaAndOrthopaedics,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p08 Harvey Synthe: north only, two studies two days apart, two Imaging Document Sources.
        StudyBlueprint(
            key: "p08-north-cr-chest",
            patient: "p08",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-northfell",
            repository: "north-documents",
            performingInstitution: "northfell",
            referringPhysician: "EMERGENCY^Department^^",
            date: "20220303",
            time: "2240",
            accessionNumber: "NFH22030377",
            description: "XR Chest AP",
            modality: "CR",
            bodyPart: FixtureCodes.chest,
            series: [SeriesBlueprint("AP", instances: 1, viewPosition: "AP")],
            report: ReportBlueprint(
                author: mcallister,
                time: "2320",
                indication: "Pleuritic chest pain and breathlessness.",
                findings: "Lungs clear. No pneumothorax. Heart size normal.",
                conclusion: "Normal chest radiograph; if clinical suspicion of pulmonary embolism, CTPA advised."
            ),
            practiceSetting: FixtureCodes.emergencyMedicine,
            facilityType: FixtureCodes.emergencyDepartment
        ),
        StudyBlueprint(
            key: "p08-north-ct-pulmonary-angiogram",
            patient: "p08",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-ashcombe",
            repository: "north-documents",
            performingInstitution: "ashcombe",
            referringPhysician: "ACUTE^Medicine^^",
            date: "20220305",
            time: "0935",
            accessionNumber: "ARI22030514",
            description: "CT Pulmonary angiogram",
            modality: "CT",
            bodyPart: FixtureCodes.chest,
            series: [SeriesBlueprint("CTPA axial 1mm", instances: 4)],
            report: ReportBlueprint(
                author: okafor,
                time: "1120",
                indication: "Pleuritic chest pain, raised D-dimer.",
                findings: "Filling defects in the right lower lobe segmental arteries. No right heart strain. "
                    + "Small wedge-shaped peripheral opacity right lower lobe.",
                conclusion: "Right lower lobe segmental pulmonary emboli with small infarct."
            )
        ),
        // p09 Isla Proxima: south-west only; obstetric ultrasound.
        StudyBlueprint(
            key: "p09-south-west-us-obstetric",
            patient: "p09",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "tamberley",
            referringPhysician: "MIDWIFE^Community^^",
            date: "20240410",
            time: "1010",
            accessionNumber: "TCH240410052",
            description: "US Obstetric 20 week anomaly scan",
            modality: "US",
            bodyPart: FixtureCodes.uterus,
            series: [SeriesBlueprint("Anomaly survey", instances: 3)],
            report: ReportBlueprint(
                author: penrose,
                time: "1105",
                indication: "Routine mid-trimester anomaly scan.",
                findings: "Single live intrauterine pregnancy. Biometry consistent with 20 weeks 2 days. Fetal anatomy "
                    + "survey normal. Placenta fundal, clear of the os. Liquor volume normal.",
                conclusion: "Normal anomaly scan."
            ),
            practiceSetting: FixtureCodes.obstetricsAndGynaecology,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p10 Jonah Simulant: north and midlands.
        StudyBlueprint(
            key: "p10-north-mr-shoulder",
            patient: "p10",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-northfell",
            repository: "north-documents",
            performingInstitution: "kestrel",
            referringPhysician: "OYELARAN^Femi^^Mr",
            date: "20230127",
            time: "1200",
            accessionNumber: "KMD23012718",
            description: "MR Shoulder left",
            modality: "MR",
            bodyPart: FixtureCodes.shoulder,
            series: [SeriesBlueprint("Coronal oblique PD fat sat", instances: 3, laterality: "L")],
            report: ReportBlueprint(
                author: lindqvist,
                time: "1530",
                indication: "Painful arc, weakness of abduction.",
                findings: "Full-thickness tear of the supraspinatus tendon, 12 mm retraction. No muscle atrophy. "
                    + "Acromioclavicular joint degenerative change.",
                conclusion: "Full-thickness supraspinatus tear."
            ),
            practiceSetting: FixtureCodes.traumaAndOrthopaedics,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        StudyBlueprint(
            key: "p10-midlands-ct-chest",
            patient: "p10",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "kingsmere",
            referringPhysician: "RESPIRATORY^Clinic^^",
            date: "20240319",
            time: "1450",
            accessionNumber: "KUH2403190201",
            description: "CT Chest high resolution",
            modality: "CT",
            bodyPart: FixtureCodes.chest,
            series: [SeriesBlueprint("HRCT axial 1mm", instances: 3)],
            report: ReportBlueprint(
                author: chaudhry,
                time: "1710",
                indication: "Progressive breathlessness, fine basal crackles.",
                findings:
                    "Subpleural basal reticulation with traction bronchiectasis, no honeycombing. No consolidation.",
                conclusion: "Probable usual interstitial pneumonia pattern; MDT discussion advised."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p11 Keira Figment: midlands and south-west.
        StudyBlueprint(
            key: "p11-midlands-mg-symptomatic",
            patient: "p11",
            community: "midlands-imaging",
            imagingDocumentSource: "midlands-pacs",
            repository: "midlands-documents",
            performingInstitution: "kingsmere",
            referringPhysician: "BREAST^Clinic^^",
            date: "20230707",
            time: "0915",
            accessionNumber: "KUH2307070031",
            description: "MG Left diagnostic mammography",
            modality: "MG",
            bodyPart: FixtureCodes.breast,
            series: [
                SeriesBlueprint("L CC", instances: 1, viewPosition: "CC", laterality: "L"),
                SeriesBlueprint("L MLO", instances: 1, viewPosition: "MLO", laterality: "L"),
            ],
            report: ReportBlueprint(
                author: penrose,
                time: "1130",
                indication: "Palpable lump, left breast upper outer quadrant.",
                findings: "Well-circumscribed oval mass 11 mm at the site of the palpable lump. No calcification.",
                conclusion: "Probably benign mass; ultrasound and biopsy recommended."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        StudyBlueprint(
            key: "p11-south-west-us-thyroid",
            patient: "p11",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "saltmarsh",
            referringPhysician: "ENDOCRINE^Clinic^^",
            date: "20240912",
            time: "1320",
            accessionNumber: "SBG240912219",
            description: "US Thyroid",
            modality: "US",
            bodyPart: FixtureCodes.neck,
            series: [SeriesBlueprint("Thyroid survey", instances: 2)],
            report: ReportBlueprint(
                author: braithwaite,
                time: "1400",
                indication: "Incidental thyroid nodule on prior CT.",
                findings: "Right lobe 9 mm spongiform nodule. Left lobe normal. No cervical lymphadenopathy.",
                conclusion: "Benign-appearing right thyroid nodule; no follow-up required."
            ),
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p12 Luca Notreal: south-west only.
        StudyBlueprint(
            key: "p12-south-west-ct-cap",
            patient: "p12",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "saltmarsh",
            referringPhysician: "ONCOLOGY^Clinic^^",
            date: "20241001",
            time: "0840",
            accessionNumber: "SBG241001012",
            description: "CT Chest abdomen and pelvis with contrast",
            modality: "CT",
            bodyPart: FixtureCodes.chestAbdomenPelvis,
            series: [
                SeriesBlueprint("Chest axial", instances: 3), SeriesBlueprint("Abdomen pelvis axial", instances: 3),
            ],
            report: ReportBlueprint(
                author: mcallister,
                time: "1230",
                indication: "Restaging after chemotherapy for lymphoma.",
                findings: "Previously enlarged mediastinal and para-aortic nodes now subcentimetre. Spleen normal in "
                    + "size. No new disease.",
                conclusion: "Good response to treatment."
            ),
            confidentiality: FixtureCodes.restricted,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        // p13 Maya Templeton: north and south-west; paediatric.
        StudyBlueprint(
            key: "p13-north-dx-pelvis",
            patient: "p13",
            community: "north-imaging",
            imagingDocumentSource: "north-pacs-northfell",
            repository: "north-documents",
            performingInstitution: "northfell",
            referringPhysician: "PAEDIATRIC^Orthopaedics^^",
            date: "20230515",
            time: "1005",
            accessionNumber: "NFH23051522",
            description: "XR Pelvis AP",
            modality: "DX",
            bodyPart: FixtureCodes.pelvis,
            series: [SeriesBlueprint("AP pelvis", instances: 1, viewPosition: "AP")],
            report: ReportBlueprint(
                author: okafor,
                time: "1240",
                indication: "Limp and hip pain for two weeks.",
                findings: "Femoral capital epiphyses symmetrical and normally aligned. No slip. No bony lesion.",
                conclusion: "Normal pelvis radiograph."
            ),
            practiceSetting: FixtureCodes.paediatrics,
            facilityType: FixtureCodes.outpatientDepartment
        ),
        StudyBlueprint(
            key: "p13-south-west-us-abdomen",
            patient: "p13",
            community: "south-west-imaging",
            imagingDocumentSource: "south-west-pacs",
            repository: "south-west-manifests",
            reportRepository: "south-west-reports",
            performingInstitution: "tamberley",
            referringPhysician: "PAEDIATRIC^Assessment^^",
            date: "20240707",
            time: "1530",
            accessionNumber: "TCH240707033",
            description: "US Abdomen",
            modality: "US",
            bodyPart: FixtureCodes.abdomen,
            series: [SeriesBlueprint("Right iliac fossa", instances: 2)],
            report: ReportBlueprint(
                author: penrose,
                time: "1620",
                indication: "Right iliac fossa pain. ? appendicitis.",
                findings: "Blind-ending non-compressible tubular structure in the right iliac fossa, 8 mm diameter, "
                    + "with surrounding echogenic fat.",
                conclusion: "Features of acute appendicitis."
            ),
            practiceSetting: FixtureCodes.paediatrics,
            facilityType: FixtureCodes.emergencyDepartment
        ),
    ]
}
