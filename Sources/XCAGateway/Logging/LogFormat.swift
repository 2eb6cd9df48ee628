#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// How the gateway's processes log to stderr: `json` (``JSONLogHandler``, one object per line, for collectors) or
/// `text` (swift-log's `StreamLogHandler`, for people).
package enum LogFormat: String, CaseIterable, Sendable {
    case json
    case text

    /// `text` when stderr is a terminal, `json` otherwise (a service manager, a pipe, a file).
    package static var automatic: LogFormat {
        isatty(STDERR_FILENO) == 1 ? .text : .json
    }

    /// Installs this format for the whole process, every logger starting at `level` (a logger may still set its
    /// own). Call once, first thing in a command's `run()`: loggers made before keep the old handler.
    package func bootstrap(level: Logger.Level) {
        switch self {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, logLevel: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
