/// XCAFederation: the federation logic of the Initiating Gateway without I/O — the community directory, the
/// planners that turn a request into legs per community, the fan-out under one deadline, the aggregation of the
/// communities' outcomes into one status and RegistryErrors, and a circuit breaker per community.
/// It knows nothing of NIO, TLS or XML, so every rule here is tested without sockets.
public enum XCAFederation {}
