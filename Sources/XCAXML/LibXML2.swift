import CLibXML2

/// Process-wide libxml2 set-up, done once: initialise the parser and make sure nothing is printed to stderr.
/// `xmlCleanupParser()` is never called: other threads may be parsing.
enum LibXML2 {
    static let initialised: Bool = {
        xmlInitParser()
        xca_xml_silence_global_errors()
        return true
    }()

    /// The safe option set (stack.md §5): no network, CDATA merged into text, ignorable blanks dropped, nothing
    /// printed. Never NOENT (entity substitution), DTDLOAD, DTDATTR, DTDVALID or XINCLUDE. HUGE only when the
    /// caller raised the text limit past libxml2's ceiling; DTDs are refused before parsing, so HUGE cannot
    /// unlock entity amplification.
    static func parserOptions(for limits: XMLLimits) -> Int32 {
        var options =
            XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOBLANKS.rawValue
            | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue
        if limits.maxTextLength > XMLLimits.libxml2TextCeiling || limits.maxAttributeLength > XMLLimits.libxml2TextCeiling
        {
            options |= XML_PARSE_HUGE.rawValue
        }
        return Int32(bitPattern: options)
    }
}
