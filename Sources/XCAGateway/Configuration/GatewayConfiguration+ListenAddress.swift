#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension GatewayConfiguration {
    /// Where the gateway listens: `HOST:PORT`, with an IPv6 literal in brackets (`[::1]:8443`). Port 0 asks the
    /// system for a free port.
    package struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
        /// A host name or IP literal (IPv6 without brackets).
        package var host: String
        package var port: Int

        package init(host: String = "127.0.0.1", port: Int = 8443) {
            self.host = host
            self.port = port
        }

        package var description: String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }

        static let hint = "expected HOST:PORT such as 127.0.0.1:8443 or [::1]:8443"

        /// Parses `HOST:PORT` / `[IPv6]:PORT`.
        static func parse(_ text: String) -> Result<ListenAddress, ConfigurationSyntax.SyntaxProblem> {
            let host: Substring
            let portText: Substring
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                    return .failure(.init(hint))
                }
                host = text[text.index(after: text.startIndex)..<close]
                portText = text[text.index(close, offsetBy: 2)...]
                guard isIPv6(String(host)) else { return .failure(.init(hint + " (not an IPv6 address in brackets)")) }
            } else {
                guard let colon = text.lastIndex(of: ":") else { return .failure(.init(hint + " (no port)")) }
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
                if host.contains(":") {
                    return .failure(.init(hint + " (write an IPv6 address in brackets)"))
                }
                guard isIPv4(String(host)) || isHostName(host) else {
                    return .failure(.init(hint + " (the host is neither an IP address nor a host name)"))
                }
            }
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5, let port = Int(portText),
                (0...65_535).contains(port)
            else {
                return .failure(.init(hint + " (the port must be 0-65535)"))
            }
            return .success(ListenAddress(host: String(host), port: port))
        }

        private static func isIPv4(_ text: String) -> Bool {
            var address = in_addr()
            return inet_pton(AF_INET, text, &address) == 1
        }

        private static func isIPv6(_ text: String) -> Bool {
            var address = in6_addr()
            return inet_pton(AF_INET6, text, &address) == 1
        }

        /// RFC 1123 host name: dot-separated labels of letters, digits and `-`, 1–63 each, 253 in all, the last
        /// not all digits (so `999.1.1.1` is a bad IPv4 address, not a name).
        private static func isHostName(_ text: Substring) -> Bool {
            guard !text.isEmpty, text.utf8.count <= 253 else { return false }
            let labels = text.split(separator: ".", omittingEmptySubsequences: false)
            guard let last = labels.last, !last.allSatisfy(\.isNumber) else { return false }
            return labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        }
    }
}
