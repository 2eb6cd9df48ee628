extension FixtureFederation {
    /// The federation of `FixtureBlueprint.standard`, generated in memory (no files needed): what `serve` uses
    /// without configuration, and byte for byte what `Fixtures/` holds. Generated once per process.
    public static func builtIn() -> FixtureFederation {
        builtInFederation
    }
}

private let builtInFederation: FixtureFederation = {
    do {
        return try FixtureGenerator(blueprint: .standard).federation()
    } catch {
        preconditionFailure("the standard fixture blueprint is inconsistent: \(error)")
    }
}()
