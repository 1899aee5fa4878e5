"""Cleaning of participant text: plain text only, bounded, no control characters.

Cards are shown on projectors and in PDFs; they must never carry markup. Templates escape
anyway – this keeps the stored text itself plain (tags removed, entities decoded once).
"""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e]")


def clean_text(value: str, *, max_length: int, multiline: bool = False) -> str:
    text = unicodedata.normalize("NFC", value or "")
    text = html.unescape(nh3.clean(text, tags=set(), attributes={}))
    text = _CONTROL.sub("", text)
    if multiline:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        text = "\n".join(lines).strip()
    else:
        text = " ".join(text.split())
    return text[:max_length]
