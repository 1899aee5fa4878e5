"""Cell values of official German statistics: numbers and special signs.

Destatis and the statistical offices of the Länder use a fixed set of signs
("Zeichenerklärung") instead of numbers. Only ``-`` means a value of exactly zero
("nichts vorhanden"); every other sign means that the number is *not known* and is
stored as ``NaN`` together with the reason – never silently as 0.

=======  ==========================  ===========================================
sign     meaning (German)            stored as
=======  ==========================  ===========================================
``-``    nichts vorhanden            0.0
``–``    (typographic dash, same)    0.0
``.``    Zahlenwert unbekannt oder   NaN, reason ``unknown_or_secret``
         geheim zu halten
``...``  Angabe fällt später an      NaN, reason ``not_yet_available``
``x``    Tabellenfach gesperrt,      NaN, reason ``not_meaningful``
         Aussage nicht sinnvoll
``/``    Zahlenwert nicht sicher     NaN, reason ``uncertain``
         genug
``1)``,  footnote mark instead of    NaN, reason ``footnote``
``*``    a number
(empty)  no entry                    NaN, reason ``empty``
=======  ==========================  ===========================================

A number followed by a quality flag (``123p`` vorläufig, ``123r`` berichtigt, ``123s``
geschätzt, ``123e`` endgültig) or in parentheses (``(123)``, Aussagewert eingeschränkt)
keeps its value; the flag is reported separately.

Number format (German): decimal comma, optional leading minus sign, no thousands
separator in GENESIS exports. Thousands *dots* are accepted only where they are
unambiguous: groups of exactly three digits after every dot (``1.234``, ``12.345.678``,
``1.234,5``). A dot that does not fit this pattern (``1.5``, ``12.34``) is rejected,
because in German data a dot is never a decimal point and guessing would silently scale
a value by 1,000. Note that ``1.234`` is therefore read as 1234, never as 1.234.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

ZERO_SIGNS = frozenset({"-", "–", "—"})

#: Missing-value signs: sign -> (reason key, German explanation, English explanation)
MISSING_SIGNS: dict[str, tuple[str, str, str]] = {
    ".": (
        "unknown_or_secret",
        "Zahlenwert unbekannt oder geheim zu halten",
        "value unknown or confidential",
    ),
    "...": ("not_yet_available", "Angabe fällt später an", "not yet available"),
    "…": ("not_yet_available", "Angabe fällt später an", "not yet available"),
    "x": (
        "not_meaningful",
        "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
        "cell locked: a value would not be meaningful",
    ),
    "X": (
        "not_meaningful",
        "Tabellenfach gesperrt, weil Aussage nicht sinnvoll",
        "cell locked: a value would not be meaningful",
    ),
    "/": (
        "uncertain",
        "keine Angabe, da Zahlenwert nicht sicher genug",
        "not shown: value not reliable enough",
    ),
}

REASONS_DE: dict[str, str] = {key: de for key, de, _ in MISSING_SIGNS.values()} | {
    "footnote": "Fußnotenzeichen statt Zahlenwert",
    "empty": "leeres Feld",
}
REASONS_EN: dict[str, str] = {key: en for key, _, en in MISSING_SIGNS.values()} | {
    "footnote": "footnote mark instead of a value",
    "empty": "empty cell",
}

_FLAGS = {"p": "vorläufig", "r": "berichtigt", "s": "geschätzt", "e": "endgültig"}

_PLAIN = re.compile(r"-?\d+(?:,\d+)?")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_FLAGGED = re.compile(r"(-?[\d.,]+)\s*([prse])")
_PARENS = re.compile(r"\((-?[\d.,]+)\)")
_FOOTNOTE = re.compile(r"(?:\(?\d{1,2}\)|\*{1,3}|\([a-z]\)|[a-z]\))")
# Fast path for whole columns: only integers, one per line.
_ALL_INTEGERS = re.compile(r"-?\d+(?:\n-?\d+)*")
_INTEGER = re.compile(r"-?\d+")

EXPECTED_DE = (
    "eine Zahl im deutschen Format (z. B. 1234 oder 12,5) oder ein Sonderzeichen "
    "der amtlichen Statistik (-  .  ...  x  /)"
)
EXPECTED_EN = (
    "a number in German format (e.g. 1234 or 12,5) or an official special sign (- . ... x /)"
)


class ValueParseError(ValueError):
    """A cell that is neither a number nor a known special sign."""

    def __init__(self, text: str, index: int = -1) -> None:
        super().__init__(f"not a number: {text!r}")
        self.text = text
        self.index = index


@dataclass(frozen=True)
class Cell:
    """One parsed cell: ``value`` (NaN if missing), ``reason`` (None if known), ``flag``."""

    value: float
    reason: str | None = None
    flag: str | None = None


def parse_number(text: str) -> float:
    """A German-format number (see module docstring); raises ``ValueParseError``."""
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    if _THOUSANDS.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    raise ValueParseError(text)


def parse_cell(text: str) -> Cell:
    """Parse one table cell into value, missing reason and quality flag.

    Raises :class:`ValueParseError` for anything that is neither a number nor a sign.
    """
    s = text.strip().replace("\u00a0", " ")
    if s == "":
        return Cell(float("nan"), "empty")
    if s in ZERO_SIGNS:
        return Cell(0.0)
    if s in MISSING_SIGNS:
        return Cell(float("nan"), MISSING_SIGNS[s][0])
    try:
        return Cell(parse_number(s))
    except ValueParseError:
        pass
    m = _FLAGGED.fullmatch(s)
    if m:
        return Cell(parse_number(m.group(1)), flag=_FLAGS[m.group(2)])
    m = _PARENS.fullmatch(s)
    if m:
        return Cell(parse_number(m.group(1)), flag="eingeschränkter Aussagewert")
    if _FOOTNOTE.fullmatch(s):
        return Cell(float("nan"), "footnote")
    raise ValueParseError(text)


@dataclass
class ParsedValues:
    """Result of :func:`parse_cells`: values plus where and why cells are missing."""

    values: np.ndarray
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # (index, sign, reason)
    flagged: list[tuple[int, str, str]] = field(default_factory=list)  # (index, text, flag)


def parse_cells(cells: Sequence[str]) -> ParsedValues:
    """Parse many cells at once; fast for the common all-integer case.

    Raises :class:`ValueParseError` with ``index`` set to the first bad cell.
    """
    n = len(cells)
    if n == 0:
        return ParsedValues(np.empty(0, dtype=np.float64))
    joined = "\n".join(cells)
    # Whole column of plain integers: one C-level regex check, one numpy conversion.
    if _ALL_INTEGERS.fullmatch(joined):
        return ParsedValues(np.array(cells, dtype=np.float64))
    # Official tables repeat few distinct texts ("-", ".", small numbers): each distinct
    # text is parsed once and the column is looked up through a dict (C loops), instead of
    # Python work per non-integer cell (660,000 cells of the Gemeinde folder).
    distinct = list(dict.fromkeys(cells))
    integers = [text for text in distinct if _INTEGER.fullmatch(text)]
    value_of = dict(zip(integers, np.array(integers, dtype=np.float64).tolist(), strict=True))
    special: dict[str, Cell] = {}
    for text in distinct:
        if text in value_of:
            continue
        try:
            # a cell with an embedded newline is read as if the newline were a space
            cell = parse_cell(text.replace("\n", " "))
        except ValueParseError as exc:
            exc.index = cells.index(text)  # first in order: texts keep their first position
            raise
        value_of[text] = cell.value
        if cell.reason is not None or cell.flag is not None:
            special[text] = cell
    values = np.fromiter(map(value_of.__getitem__, cells), dtype=np.float64, count=n)
    missing: list[tuple[int, str, str]] = []
    flagged: list[tuple[int, str, str]] = []
    if special:
        for index, text in enumerate(cells):
            cell = special.get(text)
            if cell is None:
                continue
            shown = text.replace("\n", " ").strip()
            if cell.reason is not None:
                missing.append((index, shown, cell.reason))
            else:
                flagged.append((index, shown, cell.flag))
    return ParsedValues(values, missing, flagged)
