/// What the fixture PARS does wrong, on purpose, so that the gateway's audit delivery can be tested against an
/// audit repository that is down for a while or refuses some events.
///
/// Deterministic: unavailability counts requests (or time since the first request), and rejections are decided by
/// the AuditEvent id alone, so a resend of a rejected event is rejected again (as a real validation failure would
/// be) and a run can be repeated.
public struct PARSFaultScript: Sendable, Hashable {
    /// How long the fixture answers every request with 503 Service Unavailable.
    public enum Unavailability: Sendable, Hashable, CustomStringConvertible {
        /// The first N requests.
        case requests(Int)
        /// From the first request until this much time has passed.
        case duration(Duration)

        /// `12` (requests) or a duration such as `30s`, `1.5m`, `500ms`.
        public init?(argument: String) {
            if let count = Int(argument), count >= 0 {
                self = .requests(count)
            } else if let duration = Duration(humanReadable: argument), argument.contains(where: \.isLetter) {
                self = .duration(duration)
            } else {
                return nil
            }
        }

        public var description: String {
            switch self {
            case .requests(let count): "the first \(count) requests"
            case .duration(let duration): "\(duration) from the first request"
            }
        }
    }

    public var unavailable: Unavailability?
    /// `Retry-After` (seconds) sent with the 503s, if any.
    public var retryAfterSeconds: Int?
    /// Fraction of AuditEvents answered 422 with an OperationOutcome, chosen by a hash of the id (`0...1`).
    public var rejectFraction: Double
    /// AuditEvents whose id ends with one of these characters (e.g. hex digits `"7"`, `"f"`) are answered 422.
    public var rejectIDSuffixes: Set<Character>

    public init(
        unavailable: Unavailability? = nil,
        retryAfterSeconds: Int? = nil,
        rejectFraction: Double = 0,
        rejectIDSuffixes: Set<Character> = []
    ) {
        self.unavailable = unavailable
        self.retryAfterSeconds = retryAfterSeconds
        self.rejectFraction = min(max(rejectFraction, 0), 1)
        self.rejectIDSuffixes = Set(rejectIDSuffixes.map { Character($0.lowercased()) })
    }

    public static let none = PARSFaultScript()

    /// Whether the AuditEvent with this id is refused (422).
    public func rejects(id: String) -> Bool {
        if let last = id.last, rejectIDSuffixes.contains(Character(last.lowercased())) { return true }
        guard rejectFraction > 0 else { return false }
        // FNV-1a over the id, then a SplitMix64 finaliser to spread it: the same id always gets the same answer.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 31
        return Double(hash >> 11) * 0x1.0p-53 < rejectFraction
    }
}
