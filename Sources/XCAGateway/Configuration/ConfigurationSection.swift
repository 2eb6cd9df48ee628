import Yams

/// A mapping of the configuration file (the whole file, `gateway:`, `communities[i]`, `…tls:`): its keys, read
/// into a `Root` that starts from `defaults`. Keys not in `fields` are refused with the nearest known key
/// suggested; required keys that are absent are reported at their own path.
struct ConfigurationSection<Root: Sendable>: Sendable {
    /// The values of keys left out (required ones hold placeholders: their absence is an error anyway).
    let defaults: Root
    let fields: [ConfigurationField<Root>]

    init(defaults: Root, _ fields: [ConfigurationField<Root>]) {
        self.defaults = defaults
        self.fields = fields
    }

    /// Reads `node` (a mapping; a key without a value counts as an empty one) into `root`, reporting every problem.
    func decode(_ node: Node, path: String, into root: inout Root, _ diagnostics: inout ConfigurationDiagnostics) {
        diagnostics.record(path, line: node.mark?.line)
        var seen = Set<String>()
        if case .mapping(let mapping) = node {
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let scalar) = keyNode else {
                    diagnostics.error(path, "keys must be plain names, not \(ConfigurationNode.kind(of: keyNode))")
                    continue
                }
                let key = scalar.string
                let keyPath = Self.join(path, key)
                diagnostics.record(keyPath, line: keyNode.mark?.line)
                guard let field = fields.first(where: { $0.key == key }) else {
                    diagnostics.error(keyPath, unknownKeyMessage(key))
                    continue
                }
                seen.insert(key)
                field.decode(valueNode, keyPath, &root, &diagnostics)
            }
        } else if !ConfigurationNode.isNull(node) {
            diagnostics.error(path, "expected a section of keys, not \(ConfigurationNode.kind(of: node))")
            return
        }
        for field in fields where field.isRequired && !seen.contains(field.key) {
            diagnostics.error(Self.join(path, field.key), "required key is missing")
        }
    }

    /// The documentation rows of every key of this section, below `prefix`.
    func document(prefix: String, defaults: Root) -> [ConfigurationKey] {
        fields.flatMap { $0.document(Self.join(prefix, $0.key), defaults) }
    }

    private func unknownKeyMessage(_ key: String) -> String {
        let known = fields.map(\.key)
        if let suggestion = ConfigurationSyntax.suggestion(for: key, among: known) {
            return "unknown key (did you mean \"\(suggestion)\"?)"
        }
        return "unknown key (known here: \(known.joined(separator: ", ")))"
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }
}
