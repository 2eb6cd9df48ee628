import XCAModel

/// The prefixes the gateway writes for the namespaces it knows — the conventional ones, so that people reading
/// a message recognise them. Unknown namespaces get `ns1`, `ns2`, … where first needed.
enum Prefixes {
    static func preferred(for namespace: String) -> String? {
        switch namespace {
        case Namespace.rim: "rim"
        case Namespace.rs: "rs"
        case Namespace.query: "query"
        case Namespace.lcm: "lcm"
        case Namespace.xdsb: "xdsb"
        case Namespace.xdsi: "xdsi"
        case Namespace.soap: "env"
        case Namespace.wsa: "wsa"
        case Namespace.xop: "xop"
        case "http://www.w3.org/XML/1998/namespace": "xml"
        default: nil
        }
    }
}
