import Foundation
import XCAModel

/// What `inspect` found, printed as text or JSON. Holds names, counts and codes only.
struct InspectReport {
    var framing = "plain"
    var action: String?
    var body = ""
    var transaction: String?
    var shape: [String: String] = [:]
    var attachments = 0
    var attachmentBytes = 0
    var attachmentContentIDs: Set<String> = []
    var errors: [RegistryError] = []
    var fault: String?
    var unreadable: String?

    func text() -> String {
        var lines: [String] = []
        lines.append("framing:      \(framing)" + (framing == "MTOM" ? " (\(attachments) attachments, \(attachmentBytes) bytes)" : ""))
        lines.append("wsa:Action:   \(action ?? "(none)")")
        lines.append("body:         \(body.isEmpty ? "(none)" : body)")
        if let transaction { lines.append("transaction:  \(transaction)") }
        for key in shape.keys.sorted() { lines.append("  \(key): \(shape[key] ?? "")") }
        if let fault { lines.append("SOAP fault:   \(fault)") }
        if let unreadable { lines.append("unreadable:   \(unreadable)") }
        if errors.isEmpty {
            if fault == nil && unreadable == nil { lines.append("errors:       none") }
        } else {
            lines.append("errors:       \(errors.count)")
            for error in errors {
                let severity = error.severity == .warning ? "warning" : "error"
                lines.append("  \(error.code) [\(severity)] location=\(error.location ?? "-"): \(error.codeContext)")
            }
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        var object: [String: Any] = ["framing": framing, "body": body, "shape": shape]
        if let action { object["action"] = action }
        if let transaction { object["transaction"] = transaction }
        if framing == "MTOM" { object["attachments"] = ["count": attachments, "bytes": attachmentBytes] }
        if let fault { object["fault"] = fault }
        if let unreadable { object["unreadable"] = unreadable }
        object["errors"] = errors.map { error in
            [
                "code": error.code.rawValue, "codeContext": error.codeContext, "location": error.location ?? "",
                "severity": error.severity == .warning ? "warning" : "error",
            ]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
