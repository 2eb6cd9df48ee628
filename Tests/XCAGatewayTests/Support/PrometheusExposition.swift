import Foundation

/// A Prometheus text exposition (format 0.0.4) read strictly: every line is a `# HELP` or `# TYPE` comment or a
/// sample `name{label="value",…} value`; anything else is an error naming the line.
struct PrometheusExposition {
    struct Sample: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: String
        var description: String { "not Prometheus text exposition: \(line)" }
    }

    var samples: [Sample] = []
    /// `# TYPE` per metric family.
    var types: [String: String] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3)
                guard parts.count >= 3, parts[0] == "#", parts[1] == "HELP" || parts[1] == "TYPE",
                    Self.isMetricName(parts[2])
                else { throw ParseError(line: String(line)) }
                if parts[1] == "TYPE" {
                    guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                        throw ParseError(line: String(line))
                    }
                    types[String(parts[2])] = String(parts[3])
                }
                continue
            }
            guard let sample = Self.sample(Substring(line)) else { throw ParseError(line: String(line)) }
            samples.append(sample)
        }
    }

    /// The value of the one sample named `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matches = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matches.count == 1 ? matches[0].value : nil
    }

    /// The samples named `name`.
    func all(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    private static func isMetricName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    private static func sample(_ line: Substring) -> Sample? {
        var rest = line.unicodeScalars[...]
        let name = String(String.UnicodeScalarView(rest.prefix { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }))
        guard isMetricName(Substring(name)) else { return nil }
        rest = rest.dropFirst(name.unicodeScalars.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = String(String.UnicodeScalarView(rest.prefix { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }))
                guard let first = key.unicodeScalars.first, first.isASCIILetter || first == "_" else { return nil }
                rest = rest.dropFirst(key.unicodeScalars.count)
                guard rest.first == "=" else { return nil }
                rest = rest.dropFirst()
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                var value = String.UnicodeScalarView()
                while let scalar = rest.first, scalar != "\"" {
                    rest = rest.dropFirst()
                    if scalar == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else { return nil }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        guard scalar != "\n" else { return nil }
                        value.append(scalar)
                    }
                }
                guard rest.first == "\"" else { return nil }
                rest = rest.dropFirst()
                labels[key] = String(value)
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" { return nil }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { return nil }
        let text = String(String.UnicodeScalarView(rest.dropFirst()))
        let value: Double
        switch text {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let number = Double(text), !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) })
            else { return nil }
            value = number
        }
        return Sample(name: name, labels: labels, value: value)
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
