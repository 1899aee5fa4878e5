"""Reading gettext catalogues in tests (issue 18), without Django."""

import functools
import re
from pathlib import Path

import django


def _unquote(lines):
    return "".join(
        line[line.index('"') + 1 : line.rindex('"')]
        .replace('\\"', '"')
        .replace("\\n", "\n")
        .replace("\\\\", "\\")
        for line in lines
    )


def parse_po(path):
    """{(msgid, msgid_plural or None): [msgstr, …]} and the header; fuzzy entries count as empty.

    A msgid with context is keyed "context\x04msgid", as in the compiled catalogue.
    """
    entries, header = {}, ""
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?|msgctxt) ", line)
            if match:
                current = match.group(1)
                fields[current] = [line]
            elif current:
                fields[current].append(line)
        if "msgid" not in fields:
            continue
        msgid = _unquote(fields["msgid"])
        if "msgctxt" in fields:  # as gettext stores it: context, EOT, text
            msgid = _unquote(fields["msgctxt"]) + "\x04" + msgid
        plural = _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None
        strings = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        if msgid == "":
            header = strings[0]
            continue
        entries[(msgid, plural)] = ["" if fuzzy else s for s in strings]
    return entries, header


@functools.cache
def third_party_msgids():
    """Texts Django and the installed libraries translate themselves (their own catalogues)."""
    site = Path(django.__file__).resolve().parents[1]
    keys = set()
    for po in site.glob("**/locale/de/LC_MESSAGES/django*.po"):
        keys |= set(parse_po(po)[0])
    return keys
