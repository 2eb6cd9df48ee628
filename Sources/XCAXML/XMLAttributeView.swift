import CLibXML2

/// One attribute of the element a reader is on, read without copying. Valid only inside
/// ``XMLStreamReader/forEachAttribute(_:)``'s closure.
public struct XMLAttributeView {
    private let reader: xmlTextReaderPtr

    init(reader: xmlTextReaderPtr) { self.reader = reader }

    /// `http://www.w3.org/2000/xmlns/`, the namespace of namespace declarations.
    public static let xmlnsNamespace = "http://www.w3.org/2000/xmlns/"

    public var localName: String { xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? "" }
    public var prefix: String? { xmlTextReaderConstPrefix(reader).map { String(cString: $0) } }
    public var namespaceURI: String? { xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } }
    public var qualifiedName: String { xmlTextReaderConstName(reader).map { String(cString: $0) } ?? "" }
    public var value: String { xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }

    /// Whether this is `xmlns="…"` or `xmlns:p="…"`.
    public var isNamespaceDeclaration: Bool { xmlTextReaderIsNamespaceDecl(reader) == 1 }

    /// For a namespace declaration: the declared prefix, nil for the default namespace.
    public var declaredPrefix: String? {
        guard isNamespaceDeclaration else { return nil }
        return prefix == nil ? nil : localName
    }

    /// The UTF-8 bytes of the qualified name, NUL-terminated, valid during the call.
    public var qualifiedNameBytes: UnsafePointer<UInt8>? { xmlTextReaderConstName(reader) }
    /// The UTF-8 bytes of the value, NUL-terminated, valid during the call.
    public var valueBytes: UnsafePointer<UInt8>? { xmlTextReaderConstValue(reader) }
    /// The UTF-8 bytes of the local name, NUL-terminated, valid during the call.
    public var localNameBytes: UnsafePointer<UInt8>? { xmlTextReaderConstLocalName(reader) }
    /// The UTF-8 bytes of the namespace URI, NUL-terminated, nil for no namespace.
    public var namespaceURIBytes: UnsafePointer<UInt8>? { xmlTextReaderConstNamespaceUri(reader) }
}
