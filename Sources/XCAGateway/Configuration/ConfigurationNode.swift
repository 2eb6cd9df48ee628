import Yams

/// Questions about a YAML node.
enum ConfigurationNode {
    /// `key:`, `key: ~`, `key: null` (not the quoted string `"null"`).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// `a mapping`, `a list`, `a single value` (for "expected …, not …").
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar, .alias: "a single value"
        }
    }
}
