/// One key of the configuration file as documented: the table in `docs/configuration.md` is these rows, and the
/// unknown-key check knows exactly these keys (both come from ``GatewayConfiguration/keys``, so they cannot drift).
package struct ConfigurationKey: Sendable, Hashable {
    /// The key's path, `[]` standing for any element of a list: `communities[].tls.certificate`.
    package var path: String
    /// The kind of value: `duration`, `size`, `section`, …
    package var type: String
    /// The default as written in the file (`20s`, `64MiB`), `required`, or `none`.
    package var defaultValue: String
    /// What the key means.
    package var summary: String

    package init(path: String, type: String, defaultValue: String, summary: String) {
        self.path = path
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// The key's row in the Markdown table of `docs/configuration.md`.
    package var markdownRow: String {
        let shownDefault =
            switch defaultValue {
            case "": "–"
            case "required", "none": defaultValue
            default: "`\(defaultValue)`"
            }
        return "| `\(path)` | \(type) | \(shownDefault) | \(summary) |"
    }

    /// The table header matching ``markdownRow``.
    package static let markdownHeader = "| Key | Type | Default | Meaning |\n|---|---|---|---|"
}
