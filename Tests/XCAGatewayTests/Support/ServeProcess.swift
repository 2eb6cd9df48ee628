import Dispatch
import Foundation
import HTTPTypes
import NIOCore
import Synchronization
import Testing
import XCABinding
import XCAFixtureServer
import XCAGateway
import XCAFixtures
import XCAModel
import XCASOAP
import XCATransport

/// `xca-gateway serve --config FILE` as a real child process, for the reload and shutdown tests: its URL once it
/// listens, its JSON log lines (stderr) as they arrive, signals, its exit.
final class ServeProcess: Sendable {
    let process: Process
    let url: String
    /// The admin listener (`/metrics`, `/health/*`), on a free port.
    let adminURL: String
    let logs: LogLines

    /// Starts the gateway on `configuration` and returns once it prints that it listens.
    init(configuration: URL) async throws {
        let binary = ServeCommandTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build first (swift build) or set XCA_GATEWAY_BINARY")
        let process = Process()
        process.executableURL = binary
        // Port 0 for the admin listener: parallel tests would collide on its default port.
        process.arguments = [
            "serve", "--config", configuration.path, "--admin-listen", "127.0.0.1:0", "--log-level", "info", "--log-format", "json",
        ]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let logs = LogLines(stderr.fileHandleForReading)
        try process.run()
        var banner = await ServeCommandTests.read(stdout.fileHandleForReading, until: "gateway listening on ")
        if !banner.contains("admin listening on ") {
            banner += await ServeCommandTests.read(stdout.fileHandleForReading, until: "admin listening on ")
        }
        guard let line = banner.split(separator: "\n").first(where: { $0.hasPrefix("gateway listening on ") }),
            let url = line.split(separator: " ").first(where: { $0.hasPrefix("https://") }),
            let adminLine = banner.split(separator: "\n").first(where: { $0.hasPrefix("admin listening on ") }),
            let adminURL = adminLine.split(separator: " ").first(where: { $0.hasPrefix("http://") })
        else {
            process.terminate()
            let lines = await logs.all()
            throw GatewayError(.configuration, "serve did not start: \(banner)\n\(lines.joined(separator: "\n"))")
        }
        self.process = process
        self.url = String(url)
        self.adminURL = String(adminURL)
        self.logs = logs
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to end; its exit status (nil if a signal ended it).
    func exitStatus() async -> Int32? {
        await ServeCommandTests.waitForExit(process)
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A child's stderr as JSON log lines, read on a dispatch thread as they come; tests wait for a line they expect.
final class LogLines: Sendable {
    private struct State {
        var lines: [String] = []
        var ended = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            var pending: [UInt8] = []
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                pending += data
                var complete: [String] = []
                while let newline = pending.firstIndex(of: 0x0A) {
                    complete.append(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
                if !complete.isEmpty { append(complete, ended: false) }
            }
            append(pending.isEmpty ? [] : [String(decoding: pending, as: UTF8.self)], ended: true)
        }
    }

    private func append(_ lines: [String], ended: Bool) {
        let waiters = state.withLock { state in
            state.lines += lines
            state.ended = state.ended || ended
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Every line so far.
    func all() async -> [String] { state.withLock { $0.lines } }

    /// The first line from `start` on whose JSON object satisfies `predicate`, with its index; nil once the stream
    /// has ended without one (the process exited).
    func first(
        from start: Int = 0,
        where predicate: @Sendable ([String: Any]) -> Bool
    ) async -> (index: Int, line: [String: Any])? {
        var next = start
        while true {
            let (lines, ended) = state.withLock { ($0.lines, $0.ended) }
            while next < lines.count {
                defer { next += 1 }
                if let object = Self.object(lines[next]), predicate(object) { return (next, object) }
            }
            if ended { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.lines.count > next || state.ended { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// The first line from `start` on with this message.
    func first(from start: Int = 0, message: String) async -> (index: Int, line: [String: Any])? {
        await first(from: start) { $0["msg"] as? String == message }
    }

    static func object(_ line: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }
}

/// A fixture hook that holds the next request it is armed for until released (or until its task is cancelled);
/// the other requests pass. `held` yields once a request is being held.
final class HoldGate: FixtureRequestHold {
    private struct State {
        var armed = false
        var released = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())
    let held: AsyncStream<Void>
    private let heldContinuation: AsyncStream<Void>.Continuation

    init() {
        (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// The next request to arrive is held.
    func holdNext() {
        state.withLock { state in
            state.armed = true
            state.released = false
        }
    }

    /// Lets the held request go on.
    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.released = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// The fixture's hook.
    func hold() async {
        let holds = state.withLock { state -> Bool in
            guard state.armed else { return false }
            state.armed = false
            return true
        }
        guard holds else { return }
        heldContinuation.yield()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.released || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }

    /// Waits until a request is being held.
    func waitUntilHeld() async {
        var iterator = held.makeAsyncIterator()
        _ = await iterator.next()
    }
}

/// A directory with a development PKI, fixture communities in this process and a `gateway.yaml` naming them: what
/// the child-process tests of `serve --config` run against.
struct ServeFixture: Sendable {
    let directory: URL
    let material: DevelopmentPKI.Material
    /// The fixture communities' base URLs by name.
    let ports: [String: Int]

    var file: URL { directory.appendingPathComponent("gateway.yaml") }

    static func make() throws -> (directory: URL, material: DevelopmentPKI.Material) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xca-serve-\(UUID().uuidString)")
        let report = try DevelopmentPKI.initialize(directory: directory.appendingPathComponent("pki"))
        return (directory, report.material)
    }

    /// The `communities:` entry of a fixture community. The timeout is generous: a request is held at the fixture
    /// while the test signals and reads logs, which a loaded machine may take seconds to do.
    func community(_ name: String, timeout: String = "60s") throws -> String {
        let community = try #require(GatewayHarness.federation.community(named: name))
        let port = try #require(ports[name])
        return """
              - name: \(name)
                homeCommunityId: \(community.homeCommunityID.rawValue)
                endpoints:
                  query: https://127.0.0.1:\(port)/xca
                  retrieve: https://127.0.0.1:\(port)/xca
                  imagingRetrieve: https://127.0.0.1:\(port)/xcai
                tls:
                  certificate: pki/gateway-client.pem
                  privateKey: pki/gateway-client-key.pem
                  trustAnchors: [pki/ca.pem]
                timeout: \(timeout)

            """
    }

    /// A gateway configuration listening on a free loopback port. `gateway` is added to the `gateway:` section
    /// (indented two spaces), `sections` before `communities:`.
    func configuration(communities: [String], gateway: String = "", sections: String = "") -> String {
        """
        gateway:
          homeCommunityId: \(GatewayHarness.gatewayHome.rawValue)
          listen: 127.0.0.1:0
          tls:
            certificate: pki/server.pem
            privateKey: pki/server-key.pem
            trustAnchors: [pki/ca.pem]
        \(gateway)
        query:
          deadline: 90s
        \(sections)
        communities:
        \(communities.joined())
        """
    }

    func write(_ yaml: String) throws {
        try Data(yaml.utf8).write(to: file, options: .atomic)
    }

    /// A caller of the gateway: the PKI's PACS identity, trusting `anchor` (default: the development CA).
    func caller(trusting anchor: String = "pki/ca.pem") throws -> CommunityTLS {
        try CommunityTLS(
            certificateChain: .file(directory.appendingPathComponent("pki/client.pem").path),
            privateKey: .file(directory.appendingPathComponent("pki/client-key.pem").path),
            trustAnchors: [.file(directory.appendingPathComponent(anchor).path)]
        )
    }

    /// Runs `body` with the built-in fixture communities `names` listening in this process (each holding the
    /// requests its gate is armed for).
    static func with<T: Sendable>(
        communities names: [String],
        gates: [String: HoldGate] = [:],
        _ body: @Sendable (ServeFixture) async throws -> T
    ) async throws -> T {
        let (directory, material) = try make()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            var ports: [String: Int] = [:]
            for name in names {
                let community = try #require(GatewayHarness.federation.community(named: name))
                let (bound, binding) = AsyncStream.makeStream(of: Int.self)
                let server = try FixtureGatewayServer(
                    community: community,
                    transport: FixtureGatewayServer.transport(community: name, pki: material),
                    logger: GatewayHarness.quiet,
                    hold: gates[name]
                ) { binding.yield($0) }
                group.addTask { try await server.run() }
                var iterator = bound.makeAsyncIterator()
                let port = try #require(await iterator.next())
                ports[name] = port
            }
            return try await body(ServeFixture(directory: directory, material: material, ports: ports))
        }
    }
}

extension CommunityHTTPClient {
    /// ITI-38 FindDocuments for `nhsNumber` to the gateway at `url`; the decoded response.
    func findDocuments(
        _ nhsNumber: String,
        at url: String,
        tls: CommunityTLS,
        messageID: String = "urn:uuid:\(UUID().uuidString.lowercased())"
    ) async throws -> CrossGatewayQueryResponse {
        let request = GatewayHarness.findDocumentsRequest(nhsNumber)
        let envelope = try request.encode(
            addressing: .request(action: Transaction.iti38.requestAction, messageID: messageID)
        )
        var headers = HTTPFields()
        headers[.contentType] = "application/soap+xml; charset=UTF-8; action=\"\(Transaction.iti38.requestAction)\""
        let answer = try await execute(
            CommunityHTTPRequest(url: url + "/xca", headerFields: headers, body: ByteBuffer(bytes: envelope)),
            tls: tls,
            deadline: .now + .seconds(60)
        )
        let bytes = Array(buffer: try await answer.body.collect(upTo: 64 << 20))
        return try CrossGatewayQueryResponse.decode(bytes).response
    }
}
