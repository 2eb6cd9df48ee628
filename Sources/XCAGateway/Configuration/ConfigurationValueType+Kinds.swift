import XCAModel
import XCATransport

extension ConfigurationValueType where Value == Duration {
    /// `250ms`, `10s`, `2m`, `1h`; greater than zero.
    static var duration: Self {
        .scalar(
            "duration",
            parse: { text in
                ConfigurationSyntax.duration(text).flatMap { duration in
                    duration > .zero ? .success(duration) : .failure(.init("must be greater than zero"))
                }
            },
            format: ConfigurationSyntax.format
        )
    }
}

extension ConfigurationValueType where Value == Int {
    /// `64KiB`, `16MiB`, `1GiB` or a number of bytes; greater than zero.
    static var size: Self {
        .scalar(
            "size",
            parse: { text in
                ConfigurationSyntax.size(text).flatMap { bytes in
                    bytes > 0 ? .success(bytes) : .failure(.init("must be greater than zero"))
                }
            },
            format: ConfigurationSyntax.formatSize
        )
    }

    /// A whole number greater than zero.
    static var count: Self {
        .scalar(
            "whole number > 0",
            parse: { text in
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    return .failure(.init("expected a whole number"))
                }
                return value > 0 ? .success(value) : .failure(.init("must be greater than zero"))
            },
            format: { String($0) }
        )
    }
}

extension ConfigurationValueType where Value == Bool {
    /// `true` or `false`.
    static var bool: Self {
        .scalar(
            "true or false",
            parse: { text in
                switch text {
                case "true", "True", "TRUE": .success(true)
                case "false", "False", "FALSE": .success(false)
                default: .failure(.init("expected true or false"))
                }
            },
            format: { String($0) }
        )
    }
}

extension ConfigurationValueType where Value == String {
    /// A file or directory path; relative ones are resolved after reading (see `GatewayConfiguration+Paths`).
    static func path(_ name: String) -> Self {
        .scalar(
            name,
            parse: { text in
                text.isEmpty ? .failure(.init("is empty")) : .success(text)
            },
            format: { $0 }
        )
    }

    /// Non-empty text of at most 256 characters, without control characters.
    static var text: Self {
        .scalar(
            "text",
            parse: { text in
                if text.isEmpty { return .failure(.init("is empty")) }
                if text.count > 256 { return .failure(.init("is longer than 256 characters")) }
                if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    return .failure(.init("contains control characters"))
                }
                return .success(text)
            },
            format: { $0 }
        )
    }

    /// A Spine Accredited System ID: digits only, 1 to 18 of them.
    static var asid: Self {
        .scalar(
            "ASID (digits)",
            parse: { text in
                let valid = (1...18).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                return valid ? .success(text) : .failure(.init("expected the gateway's ASID: 1 to 18 digits"))
            },
            format: { "\"\($0)\"" }
        )
    }

    /// A community name, `[a-z0-9-]+`.
    static var communityName: Self {
        .scalar(
            "name: a-z, 0-9, -",
            parse: { text in
                ConfigurationSyntax.communityNameProblem(text).map { .failure(.init($0)) } ?? .success(text)
            },
            format: { $0 }
        )
    }

    /// An absolute https URL.
    static var httpsURL: Self {
        .scalar(
            "https URL",
            parse: { text in
                ConfigurationSyntax.httpsURLProblem(text).map { .failure(.init($0)) } ?? .success(text)
            },
            format: { $0 }
        )
    }
}

extension ConfigurationValueType where Value == HomeCommunityID {
    /// `urn:oid:…`, checked with `HomeCommunityID.validationProblem` (ITI TF-2 3.38.4.1.2.1).
    static var homeCommunityID: Self {
        .scalar(
            "homeCommunityId",
            parse: { text in
                let value = HomeCommunityID(rawValue: text)
                guard let problem = value.validationProblem else { return .success(value) }
                return .failure(.init("is not a valid homeCommunityId (\(Self.droppingSubject(problem)))"))
            },
            format: \.rawValue
        )
    }
}

extension ConfigurationValueType where Value == RepositoryUniqueID {
    /// An OID of at most 64 characters, checked with `RepositoryUniqueID.validationProblem`.
    static var repositoryUniqueID: Self {
        .scalar(
            "OID",
            parse: { text in
                let value = RepositoryUniqueID(rawValue: text)
                guard let problem = value.validationProblem else { return .success(value) }
                return .failure(.init("is not a valid OID (\(Self.droppingSubject(problem)))"))
            },
            format: \.rawValue
        )
    }
}

extension ConfigurationValueType where Value == GatewayConfiguration.ListenAddress {
    /// `HOST:PORT` or `[IPv6]:PORT`.
    static var listenAddress: Self {
        .scalar("HOST:PORT", parse: GatewayConfiguration.ListenAddress.parse, format: \.description)
    }
}

extension ConfigurationValueType where Value == TLSProtocolVersion {
    /// `"1.2"` or `"1.3"`.
    static var tlsVersion: Self {
        .scalar(
            "1.2 or 1.3",
            parse: { text in
                TLSProtocolVersion(rawValue: text).map { .success($0) }
                    ?? .failure(.init("expected \"1.2\" or \"1.3\""))
            },
            format: \.rawValue
        )
    }
}

extension ConfigurationValueType where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
    /// One of the enumeration's raw values.
    static var choice: Self {
        let names = Value.allCases.map(\.rawValue)
        let list = names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        return .scalar(
            list,
            parse: { text in
                Value(rawValue: text).map { .success($0) } ?? .failure(.init("expected \(list)"))
            },
            format: \.rawValue
        )
    }
}

extension ConfigurationValueType {
    /// `homeCommunityId OID has an empty component` → `OID has an empty component`: the path already names the key.
    static func droppingSubject(_ problem: String) -> String {
        for subject in ["homeCommunityId ", "repositoryUniqueId "] where problem.hasPrefix(subject) {
            return String(problem.dropFirst(subject.count))
        }
        return problem
    }
}
