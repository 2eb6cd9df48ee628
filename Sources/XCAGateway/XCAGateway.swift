/// XCAGateway: the composition root — configuration, the request pipeline behind `/xca` and `/xcai`, the SOAP
/// community client, the streamed retrieve relay, the gateway `Service` and the embedded default federation.
public enum XCAGateway {}
