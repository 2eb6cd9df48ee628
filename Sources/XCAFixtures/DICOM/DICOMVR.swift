/// A DICOM value representation (DICOM PS3.5 §6.2).
public enum DICOMVR: String, Hashable, Sendable, CaseIterable {
    case AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI,
        UL, UN, UR, US, UT, UV

    /// Whether Explicit VR encoding gives this VR two reserved bytes and a 32-bit length (PS3.5 Table 7.1-1);
    /// the others have a 16-bit length.
    public var hasLongLength: Bool {
        switch self {
        case .OB, .OD, .OF, .OL, .OV, .OW, .SQ, .UC, .UN, .UR, .UT, .SV, .UV: true
        default: false
        }
    }

    /// The byte that pads a value to even length: NUL for UI and binary VRs, space for character strings
    /// (PS3.5 §6.2).
    public var paddingByte: UInt8 {
        switch self {
        case .UI, .OB, .OD, .OF, .OL, .OV, .OW, .UN, .AT, .FD, .FL, .SL, .SS, .SV, .UL, .US, .UV, .SQ: 0
        default: UInt8(ascii: " ")
        }
    }

    /// The two ASCII bytes written in Explicit VR encoding.
    var bytes: (UInt8, UInt8) {
        let utf8 = Array(rawValue.utf8)
        return (utf8[0], utf8[1])
    }

    init?(_ first: UInt8, _ second: UInt8) {
        self.init(rawValue: String(decoding: [first, second], as: UTF8.self))
    }
}
