"""Benchmarks, run on demand with ``python -m bench`` from the project root.

Each ``bench/bench_*.py`` module has a ``main()`` that measures its goal and
prints ratios against a baseline measured in the same run.
"""
