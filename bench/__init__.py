"""Benchmarks: toxgui side by side with c-toxcore 0.2.18 on one loopback network.

`python -m bench quick|full` (or `make bench` / `make bench-full`); see docs/benchmarks.md.
"""
