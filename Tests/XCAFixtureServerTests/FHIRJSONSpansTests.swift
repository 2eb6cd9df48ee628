import Testing

@testable import XCAFixtureServer

@Suite("Fixture PARS: resource spans of a batch Bundle")
struct FHIRJSONSpansTests {
    private func spans(_ json: String) -> [String?] {
        let bytes = Array(json.utf8)
        return FHIRJSONSpans.bundleResources(bytes).map { $0.map { String(decoding: bytes[$0], as: UTF8.self) } }
    }

    @Test func eachEntrysResourceAsWritten() {
        let json = #"{"entry":[{"resource":{"a":"}]\"{","b":[1,{"c":null}]},"request":{}},{"request":{"resource":1}},"#
            + #"{"x":true,"resource":  {"id":"2"} }],"resource":{"top":1}}"#
        #expect(spans(json) == [#"{"a":"}]\"{","b":[1,{"c":null}]}"#, nil, #"{"id":"2"}"#])
    }

    @Test func entryFoundAfterOtherMembersAndWhitespace() {
        let json = "{ \"type\" : \"batch\" ,\n \"meta\": {\"entry\": [1]},\n \"entry\" : [ {\"resource\" : [3, 4]} , 5 ] }"
        #expect(spans(json) == ["[3, 4]", nil])
    }

    @Test(arguments: ["", "[]", #"{"entry":{}}"#, #"{"entry":[]}"#, #"{"entry":[{"resource":"#, #"{"entry":"unterminated}"#])
    func nothingToFind(json: String) {
        #expect(spans(json).allSatisfy { $0 == nil })
    }
}
