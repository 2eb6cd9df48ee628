import Foundation

/// The verdict of `/health/ready`: ready when every check is ok (warnings do not count), each check listed with
/// its problem or warning. See `docs/operations.md` ("Health probes") for the rule.
package struct Readiness: Sendable, Hashable {
    package struct Check: Sendable, Hashable, Encodable {
        /// `configuration`, `listener`, `audit`, `circuits`, `certificates`.
        package var name: String
        package var ok: Bool
        /// What is wrong (only when not ok).
        package var problem: String?
        /// Worth knowing, not a reason to take the gateway out of service.
        package var warning: String?
        /// What was found when all is well.
        package var detail: String?

        static func ok(_ name: String, _ detail: String? = nil, warning: String? = nil) -> Check {
            Check(name: name, ok: true, problem: nil, warning: warning, detail: detail)
        }

        static func problem(_ name: String, _ problem: String) -> Check {
            Check(name: name, ok: false, problem: problem, warning: nil, detail: nil)
        }
    }

    package var checks: [Check]

    package var isReady: Bool { checks.allSatisfy(\.ok) }

    package func check(_ name: String) -> Check? { checks.first { $0.name == name } }

    /// `{"ready": …, "checks": [{"name": …, "ok": …, "problem"|"warning"|"detail": …}]}`.
    package var json: [UInt8] {
        struct Body: Encodable {
            var ready: Bool
            var checks: [Check]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(Body(ready: isReady, checks: checks))).map(Array.init) ?? []) + [0x0A]
    }
}
