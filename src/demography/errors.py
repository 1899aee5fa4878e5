"""Errors raised when input data cannot be read completely and correctly.

A reader either returns a complete result or raises :class:`DataError`; it never returns
half a file. The error names the place (file, line, column), the value found and what was
expected, in German (for the municipal user) and English (for developers and logs).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DataError(Exception):
    """Input data that cannot be read.

    ``line`` and ``column`` are 1-based as a spreadsheet or text editor shows them;
    ``None`` when the problem concerns the whole file (empty, wrong encoding, …).
    ``message_de`` / ``message_en`` describe the problem; ``expected_de`` / ``expected_en``
    what would have been valid.
    """

    file: str
    message_de: str
    message_en: str
    line: int | None = None
    column: int | None = None
    found: str | None = None
    expected_de: str = ""
    expected_en: str = ""

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def _place(self, *, german: bool) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(f"{'Zeile' if german else 'line'} {self.line}")
        if self.column is not None:
            parts.append(f"{'Spalte' if german else 'column'} {self.column}")
        return ", ".join(parts)

    def german(self) -> str:
        """The full message in German."""
        text = f"{self._place(german=True)}: {self.message_de}"
        if self.found is not None:
            text += f" Gefunden: {self.found!r}."
        if self.expected_de:
            text += f" Erwartet: {self.expected_de}."
        return text

    def english(self) -> str:
        """The full message in English."""
        text = f"{self._place(german=False)}: {self.message_en}"
        if self.found is not None:
            text += f" Found: {self.found!r}."
        if self.expected_en:
            text += f" Expected: {self.expected_en}."
        return text

    def __str__(self) -> str:
        return f"{self.german()}\n{self.english()}"

    def __hash__(self) -> int:  # exceptions must stay hashable for traceback handling
        return id(self)
