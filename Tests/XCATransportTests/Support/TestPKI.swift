import Foundation
import XCAFixtures
import XCATransport

/// The development PKI every transport test uses, minted once per test process into its own temp directory.
enum TestPKI {
    private static let minted: Result<(directory: URL, material: DevelopmentPKI.Material), any Error> = Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("xca-transport-tests-\(UUID().uuidString)", isDirectory: true)
        let report = try DevelopmentPKI.initialize(directory: directory)
        return (directory, report.material)
    }

    static var material: DevelopmentPKI.Material {
        get throws { try minted.get().material }
    }

    /// The PEM file of identity `path` (a `DevelopmentPKI.Path`).
    static func certificateFile(_ path: String) throws -> PEMSource {
        .file(try minted.get().directory.appendingPathComponent(path + ".pem").path)
    }

    static func keyFile(_ path: String) throws -> PEMSource {
        .file(try minted.get().directory.appendingPathComponent(path + "-key.pem").path)
    }

    /// Server TLS from the files: identity `path`, trusting the development CA.
    static func serverTLS(
        _ path: String = DevelopmentPKI.Path.server,
        minimumVersion: TLSProtocolVersion = .v1_2,
        maximumVersion: TLSProtocolVersion = .v1_3
    ) throws -> HTTPSServerConfiguration.TLS {
        HTTPSServerConfiguration.TLS(
            certificateChain: try certificateFile(path),
            privateKey: try keyFile(path),
            trustAnchors: [try certificateFile(DevelopmentPKI.Path.ca)],
            minimumVersion: minimumVersion,
            maximumVersion: maximumVersion
        )
    }

    /// Community TLS from in-memory PEM: client identity `identity`, trusting the development CA.
    static func communityTLS(_ identity: DevelopmentPKI.Identity) throws -> CommunityTLS {
        try CommunityTLS(
            certificateChain: .pem(identity.certificatePEM),
            privateKey: .pem(identity.privateKeyPEM),
            trustAnchors: [.pem(material.ca.certificatePEM)]
        )
    }
}
