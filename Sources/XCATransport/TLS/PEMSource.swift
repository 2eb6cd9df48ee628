/// Where PEM text comes from: a file read when the server or client identity is built, or the text itself.
package enum PEMSource: Sendable, Hashable {
    case file(String)
    case pem(String)
}
