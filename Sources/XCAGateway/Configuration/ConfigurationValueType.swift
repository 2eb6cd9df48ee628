import Yams

/// How one kind of value is read from the YAML file and written back (for the documented default).
struct ConfigurationValueType<Value: Sendable>: Sendable {
    /// The kind as documented (`duration`, `size`, …).
    let name: String
    /// What a key with no value (`key:` or `key: ~`) yields; `nil` refuses it.
    let null: Value?
    /// Reads a non-null node; reports its problems at `path` and returns nil when the value is unusable.
    let decode: @Sendable (_ node: Node, _ path: String, _ diagnostics: inout ConfigurationDiagnostics) -> Value?
    /// The value as it would be written in the file.
    let format: @Sendable (Value) -> String

    /// A type read from one scalar's text.
    static func scalar(
        _ name: String,
        null: Value? = nil,
        parse: @escaping @Sendable (String) -> Result<Value, ConfigurationSyntax.SyntaxProblem>,
        format: @escaping @Sendable (Value) -> String
    ) -> Self {
        Self(
            name: name,
            null: null,
            decode: { node, path, diagnostics in
                guard case .scalar(let scalar) = node else {
                    diagnostics.error(
                        path,
                        "expected a single value (\(name)), not \(ConfigurationNode.kind(of: node))"
                    )
                    return nil
                }
                switch parse(scalar.string) {
                case .success(let value): return value
                case .failure(let problem):
                    diagnostics.error(path, problem.reason)
                    return nil
                }
            },
            format: format
        )
    }

    /// This type, where a key without a value means `nil`.
    func optional(none: String = "none") -> ConfigurationValueType<Value?> {
        let decode = self.decode
        let format = self.format
        return ConfigurationValueType<Value?>(
            name: name,
            null: .some(nil),
            decode: { node, path, diagnostics in decode(node, path, &diagnostics).map { .some($0) } },
            format: { $0.map(format) ?? none }
        )
    }

    /// A list of this type; elements are reported at `path[i]`. With `minimum` 0 a key without a value is an
    /// empty list.
    func list(minimum: Int = 0, of noun: String) -> ConfigurationValueType<[Value]> {
        let decode = self.decode
        let format = self.format
        return ConfigurationValueType<[Value]>(
            name: "list of \(noun)",
            null: minimum == 0 ? [] : nil,
            decode: { node, path, diagnostics in
                guard case .sequence(let sequence) = node else {
                    diagnostics.error(path, "expected a list of \(noun), not \(ConfigurationNode.kind(of: node))")
                    return nil
                }
                var values: [Value] = []
                for (index, element) in sequence.enumerated() {
                    let elementPath = "\(path)[\(index)]"
                    diagnostics.record(elementPath, line: element.mark?.line)
                    if ConfigurationNode.isNull(element) {
                        diagnostics.error(elementPath, "has no value")
                    } else if let value = decode(element, elementPath, &diagnostics) {
                        values.append(value)
                    }
                }
                if sequence.count < minimum {
                    diagnostics.error(path, "at least \(minimum == 1 ? "one" : String(minimum)) required")
                }
                return values
            },
            format: { values in values.isEmpty ? "none" : "[" + values.map(format).joined(separator: ", ") + "]" }
        )
    }
}
