import XCAAudit

/// Which events a sink receives, under which name. The outbox keeps delivery state per name: an event is pending
/// for every registered sink whose `destinations` include the event's ``AuditDestination`` from the moment it is
/// recorded, and leaves the outbox for that sink once the sink acknowledged it (or quarantined it).
///
/// Register the same routes with the outbox (``AuditOutbox/Configuration``) and with the delivery service (its sinks'
/// ``AuditSink/route``). A route added later receives the events recorded after it was added.
package struct AuditSinkRoute: Sendable, Hashable {
    /// Stable name (the key of the delivery state): letters, digits, `-`, `_`, `.`; at most 64 characters.
    package var name: String
    package var destinations: Set<AuditDestination>

    package init(name: String, destinations: Set<AuditDestination>) {
        self.name = name
        self.destinations = destinations
    }

    /// PARS (audit.md §8.1): responder-role events only, which the mapping marks `remote`.
    package static func pars(name: String = "pars") -> AuditSinkRoute {
        AuditSinkRoute(name: name, destinations: [.remote])
    }

    /// A local sink (NDJSON file, stdout): every event, remote and local.
    package static func local(name: String) -> AuditSinkRoute {
        AuditSinkRoute(name: name, destinations: [.remote, .local])
    }

    var hasValidName: Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }
}
