func bindingBenchmarks() {}
