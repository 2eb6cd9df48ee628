enum XCAFixtureServerPlaceholder {}
