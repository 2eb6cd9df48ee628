import ArgumentParser
import Foundation

/// `--state DIR`, taken by every command: the gateway's local state folder — the development PKI in `DIR/pki/`
/// (the file names `pki init` uses), example requests, the audit store and logs.
struct StateOptions: ParsableArguments {
    @Option(help: "The local state folder (development PKI in DIR/pki, examples, audit store, logs).")
    var state = ".xca-gateway"

    var directory: URL { URL(fileURLWithPath: state, isDirectory: true) }
    var pkiDirectory: URL { directory.appendingPathComponent("pki", isDirectory: true) }
}
