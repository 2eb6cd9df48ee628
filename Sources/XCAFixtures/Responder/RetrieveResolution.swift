import XCAModel

/// What one DocumentRequest of a retrieve resolves to: the fixture document or instance, or the RegistryError that
/// answers it (a RegistryError is a value of the response, not a thrown error).
enum RetrieveResolution<Found> {
    case found(Found)
    case refused(RegistryError)
}
