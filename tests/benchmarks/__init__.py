"""Performance benchmarks for Statuscope; run them with ``python -m tests.benchmarks``.

Not part of the pass/fail test run (``conftest.py`` keeps pytest out). See README.md here.
"""
