import Testing

@Suite struct XCAGatewayPlaceholder {
    @Test func builds() { #expect(Bool(true)) }
}
