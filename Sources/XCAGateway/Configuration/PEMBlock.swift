/// One `-----BEGIN LABEL----- … -----END LABEL-----` block of a PEM file (RFC 7468); text around blocks (such as
/// the development PKI's banner) is ignored.
struct PEMBlock: Sendable, Hashable {
    /// `CERTIFICATE`, `PRIVATE KEY`, `EC PRIVATE KEY`, …
    let label: String
    /// The block itself, BEGIN and END lines included.
    let text: String

    /// Every complete block of `text`, in order.
    static func blocks(in text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var label: Substring?
        var lines: [Substring] = []
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace
            if let open = label {
                lines.append(line)
                if line == "-----END \(open)-----" {
                    blocks.append(PEMBlock(label: String(open), text: lines.joined(separator: "\n") + "\n"))
                    label = nil
                }
            } else if line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 {
                label = line.dropFirst(11).dropLast(5)
                lines = [line]
            }
        }
        return blocks
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
