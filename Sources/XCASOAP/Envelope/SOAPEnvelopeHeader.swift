/// What the header of a received envelope said.
public struct SOAPEnvelopeHeader: Sendable, Hashable {
    public var addressing: AddressingHeaders
    /// Header blocks other than WS-Addressing's, in document order.
    public var blocks: [SOAPHeaderBlock]

    public init(addressing: AddressingHeaders = AddressingHeaders(), blocks: [SOAPHeaderBlock] = []) {
        self.addressing = addressing
        self.blocks = blocks
    }

    /// The first kept block with this name.
    public func block(namespace: String, localName: String) -> SOAPHeaderBlock? {
        blocks.first { $0.namespace == namespace && $0.localName == localName }
    }
}
