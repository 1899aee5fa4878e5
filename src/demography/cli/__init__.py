"""Sub-commands of ``python -m demography``; each module exposes HELP, add_arguments, run.

Shared file handling for commands that take several files (``indicators``, ``project``):
:func:`read_each` reads every file with a given reader, reports a file that cannot be read
on stderr in German and English (never a traceback) and continues with the next one;
:func:`finish` prints the summary and gives the exit code (0 if every file was read, 2
otherwise)::

    done, failed = read_each(args.file, read_table)
    ...                                   # work with the files that were read
    return finish(len(args.file), failed)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from demography.errors import DataError

T = TypeVar("T")

#: exit code when at least one file could not be read or a parameter is invalid
EXIT_ERROR = 2


@dataclass(frozen=True)
class Failure:
    """A file that could not be read and why."""

    path: str
    error: DataError


def report(error: DataError, stream: TextIO | None = None) -> None:
    """One error on stderr: German line, English line."""
    out = stream or sys.stderr
    print(f"Fehler: {error.german()}\nError: {error.english()}", file=out)


def as_data_error(path: str, exc: BaseException) -> DataError:
    """Any exception while reading ``path`` as a :class:`DataError` (no traceback)."""
    if isinstance(exc, DataError):
        return exc
    if isinstance(exc, OSError):
        return DataError(
            path,
            f"Datei nicht lesbar ({exc.strerror or exc}).",
            f"cannot read file ({exc.strerror or exc}).",
        )
    return DataError(
        path,
        f"Die Datei konnte nicht ausgewertet werden (interner Fehler {type(exc).__name__}).",
        f"the file could not be evaluated (internal error {type(exc).__name__}: {exc}).",
    )


def read_each(
    paths: Iterable[str], read: Callable[[str], T], stream: TextIO | None = None
) -> tuple[list[tuple[str, T]], list[Failure]]:
    """``read(path)`` for every path; failures are reported at once and collected."""
    done: list[tuple[str, T]] = []
    failed: list[Failure] = []
    for path in paths:
        try:
            done.append((path, read(path)))
        except Exception as exc:  # every file gets its chance; no traceback for users
            error = as_data_error(path, exc)
            report(error, stream)
            failed.append(Failure(path, error))
    return done, failed


def finish(n_files: int, failed: list[Failure], stream: TextIO | None = None) -> int:
    """Print the summary when something failed; 0 if all files were read, else 2."""
    if not failed:
        return 0
    out = stream or sys.stderr
    names = ", ".join(
        Path(f.path).name + (f" (Zeile {f.error.line})" if f.error.line else "") for f in failed
    )
    print(
        f"Zusammenfassung: {n_files - len(failed)} von {n_files} Dateien ausgewertet; "
        f"nicht lesbar: {names}.\n"
        f"Summary: {n_files - len(failed)} of {n_files} files evaluated; "
        f"{len(failed)} could not be read.",
        file=out,
    )
    return EXIT_ERROR
