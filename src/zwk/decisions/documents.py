"""The Demografie-Check as a word-processing file (DOCX and ODT) for the Beschlussvorlage.

The text is a short Django text template (``decisions/doc/check.txt``) filled with the
result of one version; ``zwk.municipalities.documents`` reads it into blocks (title, form
fields, lists, paragraphs) and writes DOCX (python-docx) or ODT, like the step templates.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from zwk.municipalities import documents

FORMATS = documents.FORMATS


def _text(answer: str) -> str:
    """An answer on one line (the template indents it under its question)."""
    return " ".join(str(answer or "").split())


def _document(text: str, fmt: str, fallback_title: str) -> tuple[bytes, str]:
    items = documents.blocks(text)
    title = items[0].text if items else fallback_title
    data = (
        documents.docx(items, title=title) if fmt == "docx" else documents.odt(items, title=title)
    )
    return data, FORMATS[fmt]


def blank_document(municipality, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of the empty form with the check questions – to
    prepare a check with a department before it is entered on the platform."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    from zwk.decisions.targets import QUESTIONS, TARGET_CHOICES

    text = render_to_string(
        "decisions/doc/blank.txt",
        {
            "municipality": municipality,
            "targets": TARGET_CHOICES,
            "questions": [(label, hint) for _key, label, hint in QUESTIONS],
            "today": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )
    data, content_type = _document(text, fmt, "Demografie-Check")
    return data, content_type, f"demografie-check-vorlage.{fmt}"


def check_document(result, municipality, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of ``result`` (``selectors.Result``) in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    version = result.version
    text = render_to_string(
        "decisions/doc/check.txt",
        {
            "result": result,
            "description": _text(version.description),
            "answers": [(question, _text(answer)) for question, _hint, answer in result.answers],
            "municipality": municipality,
            "today": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )
    data, content_type = _document(text, fmt, f"Demografie-Check {version.title}")
    name = slugify(version.title)[:60] or "check"
    return data, content_type, f"demografie-check-{name}-fassung-{version.number}.{fmt}"
