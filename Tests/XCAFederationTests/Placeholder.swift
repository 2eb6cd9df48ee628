import Testing

@Suite struct XCAFederationPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
