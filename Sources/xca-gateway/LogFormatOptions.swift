import ArgumentParser
import Logging
import XCAGateway

/// `--log-format json|text` for the long-running commands (serve, fixtures serve, pars-fixture).
struct LogFormatOptions: ParsableArguments {
    @Option(help: "Log lines on stderr: json (one object per line) or text. Default: json unless stderr is a terminal.")
    var logFormat: LogFormat?

    /// Installs the chosen format for the process, every logger starting at `level`. Call first in `run()`.
    func bootstrap(level: Logger.Level) {
        (logFormat ?? .automatic).bootstrap(level: level)
    }
}

extension LogFormat: ExpressibleByArgument {}
