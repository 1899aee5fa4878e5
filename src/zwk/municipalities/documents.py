"""Step templates (Einladung, Tagesordnung, Protokoll, …) as DOCX and ODT, filled with the
Kommune's data (issue 16, "PDFs and documents").

Each template stays a short Django text template (``municipalities/doc_templates/*.txt``) –
easy to read and to translate. Its text is read as blocks by a few plain rules and then
written as a word-processing document that a Verwaltung edits in Word or LibreOffice:

* the first line is the document's title (a heading, also the file's title);
* ``1. …`` lines are a numbered list, ``- …`` lines a bulleted list;
* ``Bezeichnung:  Wert`` lines (two or more spaces after the colon) are form fields – label
  in bold, the value or a line to fill in;
* other lines are paragraphs; a blank line ends a paragraph, wrapped lines are joined.

DOCX through python-docx; ODT written directly (a zip with ``mimetype`` first, content,
styles, meta and the manifest – the smallest valid OpenDocument text). Both carry the
title and the document language German in their metadata.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.template.loader import render_to_string
from django.utils import timezone

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
FORMATS = {"docx": DOCX_TYPE, "odt": ODT_TYPE}
BLANK = "______________________"

_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(.*)$")
_BULLET = re.compile(r"^\s*-\s*(.*)$")
_FIELD = re.compile(r"^([^:]{2,60}):\s{2,}(.*)$|^([^:]{2,60}):\s*(_{4,}.*)$")


@dataclass
class Block:
    kind: str  # "title", "para", "numbered", "bullet", "field"
    text: str
    label: str = ""


def blocks(text: str) -> list[Block]:
    """The blocks of a rendered text template (rules in the module docstring)."""
    out: list[Block] = []
    lines = text.strip("\n").splitlines()
    if not lines:
        return out
    out.append(Block("title", lines[0].strip()))
    para: list[str] = []

    def flush():
        if para:
            out.append(Block("para", " ".join(para)))
            para.clear()

    for raw in lines[1:]:
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if m := _NUMBERED.match(line):
            flush()
            out.append(Block("numbered", m.group(2).strip()))
        elif m := _BULLET.match(line):
            flush()
            if m.group(1).strip():
                out.append(Block("bullet", m.group(1).strip()))
            else:  # "-" alone: a line to write on
                out.append(Block("para", BLANK))
        elif (m := _FIELD.match(line)) and not para:
            flush()
            label = (m.group(1) or m.group(3)).strip()
            value = (m.group(2) if m.group(1) else m.group(4)).strip()
            out.append(Block("field", value or BLANK, label=label))
        elif line.startswith("   ") and out and out[-1].kind in ("numbered", "bullet"):
            out.append(Block("para", line.strip()))
        else:
            para.append(line.strip())
    flush()
    return out


def _date(d) -> str:
    return d.strftime("%d.%m.%Y") if d else ""


def context(step) -> dict:
    """What the templates fill in: the Kommune, the step and its dates, the Kick-off date,
    the responsible person and the contact."""
    municipality = step.municipality
    kickoff = getattr(municipality, "kickoff", None)  # RelatedObjectDoesNotExist: None
    responsible = step.responsible
    return {
        "municipality": municipality,
        "step": step,
        "blank": BLANK,
        "today": _date(timezone.localdate()),
        "start": _date(step.start_date),
        "due": _date(step.due_date),
        "kickoff_date": _date(kickoff.kickoff_date) if kickoff else "",
        "kickoff_goals": kickoff.goals if kickoff else "",
        "responsible": (responsible.get_full_name() or responsible.email) if responsible else "",
        "population": f"{municipality.population:,}".replace(",", ".")
        if municipality.population
        else "",
    }


def render_blocks(step, template) -> list[Block]:
    return blocks(render_to_string(template.template, context(step)))


# --- DOCX --------------------------------------------------------------------------------


def docx(items: list[Block], *, title: str) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "de-DE"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    # document language German (spelling check, hyphenation, screen readers): the default
    # run properties of styles.xml, which every style inherits
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "de-DE")
    for block in items:
        if block.kind == "title":
            document.add_heading(block.text, level=1)
        elif block.kind == "numbered":
            document.add_paragraph(block.text, style="List Number")
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "field":
            p = document.add_paragraph()
            p.add_run(f"{block.label}: ").bold = True
            p.add_run(block.text)
        else:
            document.add_paragraph(block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- ODT ---------------------------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"'
)
_ODT_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_ODT_NS}><office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/>
<style:text-properties style:font-name="Arial" fo:font-family="Arial" fo:font-size="11pt" fo:language="de" fo:country="DE" fo:hyphenate="true"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
<style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="Numbering_20_123" style:display-name="Numbering 123">
<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/></style:list-level-properties></text:list-level-style-number>
</text:list-style>
<text:list-style style:name="List_20_1" style:display-name="List 1">
<text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/></style:list-level-properties></text:list-level-style-bullet>
</text:list-style>
</office:styles></office:document-styles>"""
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _odt_body(items: list[Block]) -> str:
    parts: list[str] = []
    open_list = ""
    for block in items:
        kind = block.kind if block.kind in ("numbered", "bullet") else ""
        if open_list and kind != open_list:
            parts.append("</text:list>")
            open_list = ""
        if kind and not open_list:
            style = "Numbering_20_123" if kind == "numbered" else "List_20_1"
            parts.append(f'<text:list text:style-name="{style}">')
            open_list = kind
        text = escape(block.text)
        if kind:
            parts.append(f"<text:list-item><text:p>{text}</text:p></text:list-item>")
        elif block.kind == "title":
            parts.append(
                f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{text}</text:h>'
            )
        elif block.kind == "field":
            parts.append(
                f'<text:p><text:span text:style-name="Strong_20_Emphasis">'
                f"{escape(block.label)}: </text:span>{text}</text:p>"
            )
        else:
            parts.append(f"<text:p>{text}</text:p>")
    if open_list:
        parts.append("</text:list>")
    return "".join(parts)


def odt(items: list[Block], *, title: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS}>'
        f"<office:body><office:text>{_odt_body(items)}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta {_ODT_NS}><office:meta>'
        f"<dc:title>{escape(title)}</dc:title><dc:language>de-DE</dc:language>"
        "<meta:generator>ZWK</meta:generator></office:meta></office:document-meta>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        # "mimetype" first and stored uncompressed, as ODF requires
        z.writestr(zipfile.ZipInfo("mimetype"), ODT_TYPE, compress_type=zipfile.ZIP_STORED)
        for name, body in (
            ("content.xml", content),
            ("styles.xml", _ODT_STYLES),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", _MANIFEST),
        ):
            z.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def step_document(step, template, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of a step template in ``fmt`` ("docx" or "odt")."""
    items = render_blocks(step, template)
    title = items[0].text if items else str(template.title)
    data = docx(items, title=title) if fmt == "docx" else odt(items, title=title)
    filename = f"{step.type.slug}-{template.slug}-{step.municipality.slug}.{fmt}"
    return data, FORMATS[fmt], filename
