func mtomBenchmarks() {}
