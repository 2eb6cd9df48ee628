/// The decoded content of one stored-query `rim:Slot/rim:ValueList/rim:Value` (ITI TF-2 3.18.4.1.2.3.5 (≈)):
/// a single `'quoted string'` or number, or a `('a','b', 3)` list of them (OR semantics).
public enum StoredQueryValue: Hashable, Sendable {
    /// One element of a value.
    public enum Element: Hashable, Sendable {
        /// A quoted string with the quotes removed and `''` turned back into `'`.
        case string(String)
        /// An unquoted number as written (times such as `200412252300`, `$MetadataLevel`).
        case number(String)

        /// The text of the element.
        public var text: String {
            switch self {
            case .string(let text), .number(let text): text
            }
        }
    }

    case single(Element)
    case list([Element])

    /// The elements: one for `.single`, all of them for `.list`.
    public var elements: [Element] {
        switch self {
        case .single(let element): [element]
        case .list(let elements): elements
        }
    }

    /// The texts of the elements.
    public var texts: [String] { elements.map(\.text) }

    /// `true` for a parenthesised list (even of one element).
    public var isList: Bool {
        if case .list = self { true } else { false }
    }
}
