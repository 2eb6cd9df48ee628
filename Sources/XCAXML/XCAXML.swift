/// Hardened streaming XML reading (libxml2's xmlTextReader, no DTD, no entities, no network, size and depth
/// limits) and a fast escaping streaming writer.
public enum XCAXML {}
