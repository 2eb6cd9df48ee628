import Yams

/// One key of a section of the configuration file: how it is read into its place in `Root` and how it is documented.
struct ConfigurationField<Root: Sendable>: Sendable {
    let key: String
    let isRequired: Bool
    /// The documentation rows of this key (and of the keys below it), given its path and the section's defaults.
    let document: @Sendable (_ path: String, _ defaults: Root) -> [ConfigurationKey]
    /// Reads the key's node into `root`.
    let decode:
        @Sendable (
            _ node: Node, _ path: String, _ root: inout Root, _ diagnostics: inout ConfigurationDiagnostics
        ) -> Void

    /// A key holding one value (or a list of values) of `type`.
    static func value<Value>(
        _ key: String,
        _ keyPath: any WritableKeyPath<Root, Value> & Sendable,
        _ type: ConfigurationValueType<Value>,
        required: Bool = false,
        _ summary: String
    ) -> Self {
        Self(
            key: key,
            isRequired: required,
            document: { path, defaults in
                let shown = required ? "required" : type.format(defaults[keyPath: keyPath])
                return [ConfigurationKey(path: path, type: type.name, defaultValue: shown, summary: summary)]
            },
            decode: { node, path, root, diagnostics in
                if ConfigurationNode.isNull(node) {
                    if let value = type.null {
                        root[keyPath: keyPath] = value
                    } else {
                        diagnostics.error(path, "has no value (expected \(type.name))")
                    }
                } else if let value = type.decode(node, path, &diagnostics) {
                    root[keyPath: keyPath] = value
                }
            }
        )
    }

    /// A key holding a section of keys.
    static func section<Value>(
        _ key: String,
        _ keyPath: any WritableKeyPath<Root, Value> & Sendable,
        _ section: ConfigurationSection<Value>,
        required: Bool = false,
        _ summary: String
    ) -> Self {
        Self(
            key: key,
            isRequired: required,
            document: { path, defaults in
                let row = ConfigurationKey(
                    path: path,
                    type: "section",
                    defaultValue: required ? "required" : "",
                    summary: summary
                )
                return [row] + section.document(prefix: path, defaults: defaults[keyPath: keyPath])
            },
            decode: { node, path, root, diagnostics in
                section.decode(node, path: path, into: &root[keyPath: keyPath], &diagnostics)
            }
        )
    }

    /// A key holding a list of sections, each read from `section.defaults`; at least `minimum` of them.
    static func list<Element>(
        _ key: String,
        _ keyPath: any WritableKeyPath<Root, [Element]> & Sendable,
        of section: ConfigurationSection<Element>,
        minimum: Int,
        _ summary: String
    ) -> Self {
        Self(
            key: key,
            isRequired: minimum > 0,
            document: { path, _ in
                let row = ConfigurationKey(
                    path: path,
                    type: "list of sections",
                    defaultValue: minimum > 0 ? "required" : "none",
                    summary: summary
                )
                return [row] + section.document(prefix: path + "[]", defaults: section.defaults)
            },
            decode: { node, path, root, diagnostics in
                guard case .sequence(let sequence) = node else {
                    let kind = ConfigurationNode.isNull(node) ? "nothing" : ConfigurationNode.kind(of: node)
                    diagnostics.error(path, "expected a list, not \(kind)")
                    return
                }
                var elements: [Element] = []
                for (index, elementNode) in sequence.enumerated() {
                    var element = section.defaults
                    section.decode(elementNode, path: "\(path)[\(index)]", into: &element, &diagnostics)
                    elements.append(element)
                }
                if elements.count < minimum {
                    diagnostics.error(
                        path,
                        "at least \(minimum == 1 ? "one entry is" : "\(minimum) entries are") required"
                    )
                }
                root[keyPath: keyPath] = elements
            }
        )
    }
}
