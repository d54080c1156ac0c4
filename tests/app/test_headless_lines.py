"""Command lines read by the event loop from a pipe (toxgui.app.headless._CommandLines): the same
lines, in order, however the bytes are cut into reads; an over-long line refused once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toxgui.app import headless
from toxgui.app.headless import TOO_LONG, _CommandLines


def _feed(chunks: list[bytes]) -> tuple[list[str | bytes], int]:
    got: list[str | bytes] = []
    ends = []
    p = _CommandLines(got.append, lambda: ends.append(1))
    for c in chunks:
        p.data_received(c)
    p.eof_received()
    p.connection_lost(None)
    return got, len(ends)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=40).filter(lambda b: b"\n" not in b), max_size=20),
       st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=50))
def test_lines_survive_any_chunking(lines: list[bytes], cuts: list[int]) -> None:
    data = b"".join(x + b"\n" for x in lines)
    chunks, i, k = [], 0, 0
    while i < len(data):
        n = cuts[k % len(cuts)]
        chunks.append(data[i:i + n])
        i += n
        k += 1
    got, ends = _feed(chunks)
    assert got == [x + b"\n" for x in lines]
    assert ends == 1


def test_unfinished_last_line_and_long_lines(monkeypatch) -> None:
    monkeypatch.setattr(headless, "MAX_COMMAND_LINE", 10)
    got, ends = _feed([b"short\n", b"x" * 11 + b"\n", b"y" * 8, b"y" * 8, b"y" * 8, b"\nafter\nlast"])
    assert got == [b"short\n", TOO_LONG, TOO_LONG, b"after\n", b"last"]
    assert ends == 1
    # exactly at the bound is a line
    got, _ = _feed([b"z" * 10 + b"\n"])
    assert got == [b"z" * 10 + b"\n"]


def test_a_failing_handler_does_not_stop_the_reading() -> None:
    seen: list[str | bytes] = []

    def handler(line: str | bytes) -> None:
        seen.append(line)
        raise RuntimeError("boom")

    p = _CommandLines(handler, lambda: None)
    p.data_received(b"a\nb\n")
    assert seen == [b"a\n", b"b\n"]
