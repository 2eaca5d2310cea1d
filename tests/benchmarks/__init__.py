"""Benchmarks (pytest-benchmark); excluded from the default run."""
