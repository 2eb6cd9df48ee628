import ArgumentParser
import Foundation
import XCAClient

/// The connection options of the client commands (`query`, `retrieve`, `retrieve-imaging`): which gateway, with
/// which client certificate, how long to wait. The defaults reach `xca-gateway serve` on this machine with the
/// development PKI it minted into STATE/pki.
struct ClientConnectionOptions: ParsableArguments {
    @Option(help: "The gateway's base URL; /xca (ITI-38, ITI-39) and /xcai (RAD-75) are appended.")
    var gateway = Self.defaultGateway

    static let defaultGateway = "https://127.0.0.1:8443"

    @Option(help: "The ITI-38 endpoint, instead of GATEWAY/xca.")
    var queryURL: String?

    @Option(help: "The ITI-39 endpoint, instead of GATEWAY/xca.")
    var retrieveURL: String?

    @Option(help: "The RAD-75 endpoint, instead of GATEWAY/xcai.")
    var imagingURL: String?

    @Option(help: "The client certificate (PEM, clientAuth). Default: STATE/pki/client.pem.")
    var cert: String?

    @Option(help: "The client certificate's private key (PEM). Default: STATE/pki/client-key.pem.")
    var key: String?

    @Option(help: "A CA trusted for the gateway's certificate (PEM; repeatable). Default: STATE/pki/ca.pem.")
    var ca: [String] = []

    @Option(help: "Seconds a query may take, and a retrieve until its answer begins.")
    var timeout: Double = 30

    @Option(help: "Seconds one retrieve answer may stream.")
    var transferTimeout: Double = 3_600

    @OptionGroup var state: StateOptions

    func validate() throws {
        for (name, url) in [
            ("--gateway", gateway), ("--query-url", queryURL), ("--retrieve-url", retrieveURL),
            ("--imaging-url", imagingURL),
        ] {
            if let url, !url.lowercased().hasPrefix("https://") {
                throw ValidationError("\(name): only https URLs are called (mutual TLS), got \(url)")
            }
        }
        guard timeout > 0, transferTimeout > 0 else {
            throw ValidationError("--timeout and --transfer-timeout must be positive")
        }
    }

    /// Whether the identity comes from the development PKI (none of --cert, --key, --ca given).
    var usesDevelopmentPKI: Bool { cert == nil && key == nil && ca.isEmpty }

    var configuration: XCAClientConfiguration {
        let pki = state.pkiDirectory.path
        return XCAClientConfiguration(
            endpoints: .init(gateway: gateway, query: queryURL, retrieve: retrieveURL, imagingRetrieve: imagingURL),
            identity: .init(
                certificate: cert ?? pki + "/client.pem",
                privateKey: key ?? pki + "/client-key.pem",
                trustAnchors: ca.isEmpty ? [pki + "/ca.pem"] : ca
            ),
            timeout: .milliseconds(Int64(timeout * 1_000)),
            transferTimeout: .milliseconds(Int64(transferTimeout * 1_000))
        )
    }

    /// Runs `body` with a client; every ``XCAClientError`` becomes one `error:` line on stderr and its exit code.
    func run(_ body: (XCAClient) async throws(XCAClientError) -> ExitCode) async throws {
        let code: ExitCode
        do throws(XCAClientError) {
            let client = try XCAClient(configuration)
            do throws(XCAClientError) {
                code = try await body(client)
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        } catch {
            ClientOutput.error(error.message + hint(for: error))
            throw ClientOutput.exitCode(for: error)
        }
        if code != .success { throw code }
    }

    private func hint(for error: XCAClientError) -> String {
        switch error.code {
        case .tlsConfiguration where usesDevelopmentPKI:
            "\n  (the default identity is the development PKI in \(state.pkiDirectory.path): run `xca-gateway serve` or `xca-gateway pki init` first, or give --cert, --key and --ca)"
        case .connect
        where gateway == Self.defaultGateway && queryURL == nil && retrieveURL == nil && imagingURL == nil:
            "\n  (the default gateway is \(gateway): start it with `xca-gateway serve`, or give --gateway)"
        default:
            ""
        }
    }
}
