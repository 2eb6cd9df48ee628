/// A test's hook into a fixture Responding Gateway: ``hold()`` is awaited before each SOAP request is answered
/// (after its body is read), so a test can keep a request in flight — across a reload, a shutdown — until it lets it
/// go. It should return when its task is cancelled (the caller went away).
package protocol FixtureRequestHold: Sendable {
    func hold() async
}
