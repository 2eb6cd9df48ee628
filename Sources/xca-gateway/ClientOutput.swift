import ArgumentParser
import Foundation
import XCAClient
import XCAModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the client commands print besides their results: `error:` lines, the status line and RegistryErrors on
/// stderr, exit codes, sizes. A patient's NHS number, which the user typed, is never written to stderr: a partner's
/// codeContext that repeats it is redacted.
enum ClientOutput {
    /// EX_USAGE (sysexits.h): invalid input, refused before any call.
    static let usage = ExitCode(64)
    /// PartialSuccess: some results, some errors.
    static let partialSuccess = ExitCode(2)

    static func error(_ message: String) {
        standardError("error: " + message)
    }

    /// Writes a line to stderr after what is pending on stdout, so that both keep their order in one stream.
    static func standardError(_ line: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func exitCode(for error: XCAClientError) -> ExitCode {
        error.code == .invalidInput ? usage : .failure
    }

    /// 0 Success, 2 PartialSuccess, 1 Failure.
    static func exitCode(for status: ResponseStatus) -> ExitCode {
        switch status {
        case .success: .success
        case .partialSuccess: partialSuccess
        case .failure: .failure
        }
    }

    /// `Success`, `PartialSuccess`, `Failure`.
    static func name(_ status: ResponseStatus) -> String {
        switch status {
        case .success: "Success"
        case .partialSuccess: "PartialSuccess"
        case .failure: "Failure"
        }
    }

    /// The status line (`status: PartialSuccess — 12 entries, 1 error`) and one line per RegistryError with its
    /// code, severity, location (with the community's name when known) and context.
    static func report(
        _ status: ResponseStatus,
        summary: String,
        errors: [RegistryError],
        names: [HomeCommunityID: String] = [:],
        redacting patient: NHSNumber? = nil
    ) {
        let counted = errors.isEmpty ? "" : ", \(errors.count) \(errors.count == 1 ? "error" : "errors") reported"
        standardError("status: \(name(status)) — \(summary)\(counted)")
        for error in errors {
            let severity = error.severity == .warning ? "warning" : "error"
            var location = error.location ?? "-"
            if let name = names[HomeCommunityID(rawValue: location)] { location += " (\(name))" }
            standardError(
                "  \(error.code.rawValue)  \(severity)  at \(location): \(redact(error.codeContext, patient))"
            )
        }
    }

    /// `text` without the patient's NHS number (plain or spaced 3-3-4).
    static func redact(_ text: String, _ patient: NHSNumber?) -> String {
        guard let patient else { return text }
        let digits = patient.rawValue
        guard digits.count == 10 else { return text }
        let spaced = "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(3)) \(digits.suffix(4))"
        return text.replacingOccurrences(of: digits, with: "<patient>").replacingOccurrences(
            of: spaced,
            with: "<patient>"
        )
    }

    /// `12 B`, `3.4 KiB`, `1.2 MiB`, `2.0 GiB`.
    static func size(_ bytes: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard bytes >= 1_024 else { return "\(bytes) B" }
        var value = Double(bytes) / 1_024
        var unit = 0
        while value >= 1_024, unit < units.count - 1 {
            value /= 1_024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }

    /// Whether stderr is a terminal (progress bars redraw there; plain lines otherwise).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A path relative to the working directory when it is below it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
        }
        .joined(separator: "\n")
    }
}
