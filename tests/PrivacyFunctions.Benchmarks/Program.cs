using BenchmarkDotNet.Running;

// Run through scripts/bench.sh, which starts a disk-backed Azurite and sets AZURITE_CONNECTION_STRING.
BenchmarkSwitcher.FromAssembly(typeof(PrivacyFunctions.Benchmarks.DueIndexBenchmarks).Assembly).Run(args);
