#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// A `LogHandler` writing one JSON object per line (JSON Lines), for log collectors:
///
/// ```json
/// {"ts":"2025-06-01T09:30:12.345Z","level":"info","label":"xca.gateway","msg":"answered","xca.request.id":"urn:uuid:…","xca.elapsed":"0.042","source":"XCAGateway"}
/// ```
///
/// - `ts`: RFC 3339 UTC with milliseconds; `level`: the swift-log level name; `label`: the logger's label; `msg`: the
///   message; `source`: the emitting module.
/// - Metadata (the logger's, its metadata provider's, then the call's, later ones winning) is flattened into string
///   fields, keys sorted: a nested dictionary becomes dotted keys (`a.b`), an array its text. A key that would
///   shadow one of the fields above gets a `metadata.` prefix. An error passed to the call becomes `error.type` and
///   `error.message`.
/// - Every string is JSON-escaped (quote, backslash, control characters), so a line is always one valid object.
///
/// Lines go to `sink` whole; ``standardError`` writes each with `write(2)` under one process-wide lock, so lines of
/// concurrent tasks never interleave.
package struct JSONLogHandler: LogHandler {
    /// Receives each finished line, newline included.
    package typealias Sink = @Sendable ([UInt8]) -> Void

    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    package var logLevel: Logger.Level
    private let label: String
    private let sink: Sink

    package init(
        label: String,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
        sink: @escaping Sink = JSONLogHandler.standardError
    ) {
        self.label = label
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        if let error = event.error {
            fields["error.type"] = .string(String(reflecting: type(of: error)))
            fields["error.message"] = .string("\(error)")
        }
        sink(Self.line(
            timestamp: Self.now(),
            level: event.level,
            label: label,
            message: event.message.description,
            metadata: fields,
            source: event.source
        ))
    }

    /// One log line, newline included (also what the tests check).
    static func line(
        timestamp: (seconds: Int, milliseconds: Int),
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata,
        source: String
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + message.utf8.count + metadata.count * 48)
        out.append(contentsOf: #"{"ts":""#.utf8)
        appendTimestamp(timestamp, to: &out)
        out.append(UInt8(ascii: "\""))
        field("level", level.rawValue, into: &out)
        field("label", label, into: &out)
        field("msg", message, into: &out)
        var flat: [(String, String)] = []
        for (key, value) in metadata { flatten(key, value, into: &flat) }
        flat.sort { $0.0 < $1.0 }
        for (key, value) in flat {
            field(reserved.contains(key) ? "metadata." + key : key, value, into: &out)
        }
        field("source", source, into: &out)
        out.append(contentsOf: "}\n".utf8)
        return out
    }

    private static let reserved: Set<String> = ["ts", "level", "label", "msg", "source"]

    private static func flatten(_ key: String, _ value: Logger.Metadata.Value, into flat: inout [(String, String)]) {
        switch value {
        case .string(let text):
            flat.append((key, text))
        case .stringConvertible(let convertible):
            flat.append((key, convertible.description))
        case .dictionary(let dictionary):
            for (inner, innerValue) in dictionary { flatten(key + "." + inner, innerValue, into: &flat) }
        case .array:
            flat.append((key, value.description))
        }
    }

    /// `,"key":"value"`, both escaped.
    private static func field(_ key: String, _ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        appendString(value, to: &out)
    }

    /// A JSON string literal (RFC 8259 §7): `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`;
    /// everything else (valid UTF-8, as every Swift string is) as it is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The wall clock: seconds since the epoch and the millisecond within.
    private static func now() -> (seconds: Int, milliseconds: Int) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return (Int(spec.tv_sec), Int(spec.tv_nsec) / 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` (RFC 3339 `date-time`, UTC).
    static func appendTimestamp(_ time: (seconds: Int, milliseconds: Int), to out: inout [UInt8]) {
        var seconds = time_t(time.seconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var value = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(time.milliseconds, 3)
        out.append(UInt8(ascii: "Z"))
    }

    /// Writes a line to file descriptor 2 with `write(2)`, retrying partial writes and EINTR, under a process-wide
    /// lock so that lines never interleave. A line that cannot be written (stderr closed) is dropped.
    package static let standardError: Sink = { line in
        standardErrorLock.withLock { _ in
            line.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress else { return }
                var offset = 0
                while offset < bytes.count {
                    let written = write(2, base + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }
    }

    private static let standardErrorLock = Mutex(())
}
