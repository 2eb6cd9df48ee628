/// The IHE model of the gateway as plain values: identifiers, the requests and responses of ITI-38, ITI-39,
/// RAD-69 and RAD-75, response status, registry errors and validation. No I/O, no XML.
public enum XCAModel {}
