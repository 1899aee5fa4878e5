"""Real Regionalstatistik/GENESIS files cut to a few regions, for fast tests."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path


def cut_rows(
    src: Path, dst: Path, keep: str | Callable[[str], bool], extra: Iterable[str] = ()
) -> Path:
    """``src`` with its header and footer but only the data rows whose region code starts
    with ``keep`` (a prefix) or passes ``keep`` (a function of the code), the rows ``extra``
    in front of them; written to ``dst`` in the original encoding."""
    passes = keep if callable(keep) else (lambda code: code.startswith(keep))
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if re.match(r"^(DG|\d{2,});[^;]+;", line))
    end = next(i for i, line in enumerate(lines) if line.startswith("__________"))
    body = [line for line in lines[first:end] if passes(line.split(";", 1)[0])]
    dst.write_text("".join(lines[:first] + list(extra) + body + lines[end:]), encoding="utf-8")
    return dst
