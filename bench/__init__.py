"""Benchmarks for the kiosk (GUIDE P1-P5): `make bench`, or `python -m bench [--quick]`.

Never part of the test suite: numbers from a shared two-core machine are reported with the
baseline measured in the same run, not asserted.
"""
