"""The benchmarks are scripts (``python -m tests.benchmarks``), not tests: pytest never
collects or imports anything here, so ``pytest`` in tests/ runs exactly the test suite."""

collect_ignore_glob = ["*.py"]
