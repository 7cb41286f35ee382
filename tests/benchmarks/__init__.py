"""Benchmarks for the speed targets of the product spec; run with `python -m tests.benchmarks`."""
