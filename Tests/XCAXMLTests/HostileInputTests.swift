import Glibc
import Testing
import XCAXML

/// XXE, entity expansion and external DTD attacks (stack.md §5). Each must be refused with a specific error,
/// read nothing and fetch nothing.
@Suite("Hostile XML")
struct HostileInputTests {
    @Test func externalEntityPointingAtALocalFileIsRefusedBeforeParsing() throws {
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <r>&secret;</r>
            """
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .doctypeForbidden)
        #expect(error?.line == 2)
        #expect(!(error?.message.contains("root:") ?? true))
    }

    @Test func billionLaughsIsRefused() throws {
        var entities = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "<!ENTITY lol\(level) \"\(previous)\">"
        }
        let document = "<!DOCTYPE lolz [\(entities)]><lolz>&lol9;</lolz>"
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .doctypeForbidden)
        // Refused without expanding anything: far below what any expansion would take.
        #expect(clock.now - started < .seconds(1))
    }

    @Test func quadraticBlowUpIsRefused() throws {
        let big = String(repeating: "x", count: 50_000)
        let references = String(repeating: "&big;", count: 50_000)
        let document = "<!DOCTYPE q [<!ENTITY big \"\(big)\">]><q>\(references)</q>"
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .doctypeForbidden)
    }

    @Test(arguments: [
        "<!DOCTYPE a><a/>",
        "\u{FEFF}<!DOCTYPE a><a/>",
        "<?xml version='1.0'?><!-- c --><?pi x?>\n<!DOCTYPE a SYSTEM 'http://127.0.0.1:9/x.dtd'><a/>",
        "<!doctype a><a/>",
    ])
    func anyDoctypeIsRefused(_ document: String) throws {
        let error = #expect(throws: XMLError.self) { _ = try infoset(document) }
        #expect(error?.code == .doctypeForbidden)
    }

    @Test func undeclaredEntityIsRefused() throws {
        let error = #expect(throws: XMLError.self) { _ = try infoset("<a>&undeclared;</a>") }
        #expect(error?.code == .entityForbidden)
    }

    @Test func predefinedAndCharacterEntitiesAreFine() throws {
        #expect(try infoset("<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;</a>") == ["<{}a ", "'<>&\"'AB", ">"])
    }

    /// An external DTD and an external parameter entity naming a real listener on 127.0.0.1: the listener must see
    /// no connection at all.
    @Test func externalDTDAndEntityURLsAreNeverFetched() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.port)/evil.dtd"
        let documents = [
            "<!DOCTYPE a SYSTEM \"\(url)\"><a/>",
            "<!DOCTYPE a [<!ENTITY % p SYSTEM \"\(url)\"> %p;]><a/>",
            "<!DOCTYPE a [<!ENTITY e SYSTEM \"\(url)\">]><a>&e;</a>",
            "<a xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"\(url)\"/></a>",
        ]
        for document in documents {
            _ = try? infoset(document)
        }
        #expect(listener.pendingConnections() == 0)
    }
}

/// A TCP listener on 127.0.0.1, port 0, that only counts connection attempts (never accepts them for real work).
final class LoopbackListener {
    let descriptor: Int32
    let port: UInt16

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw ListenerError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.descriptor = descriptor
        self.port = UInt16(bigEndian: address.sin_port)
    }

    /// Connections waiting to be accepted (accepts and closes them to count).
    func pendingConnections() -> Int {
        var count = 0
        while true {
            let connection = accept(descriptor, nil, nil)
            if connection < 0 { return count }
            Glibc.close(connection)
            count += 1
        }
    }

    func close() { Glibc.close(descriptor) }

    struct ListenerError: Error {}
}
