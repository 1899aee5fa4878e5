"""Write the team's translations (tools/i18n/join_path.py) into the catalogues (issue 18).

    python tools/i18n/fill.py && (cd src/zwk && python ../../manage.py compilemessages -l tr ...)

Sets the Plural-Forms header of each language (Arabic 6 forms, Ukrainian and Russian 3), gives
every plural entry that many msgstr lines and fills the join path's entries; entries that
already have a translation are kept unless the team's table differs.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from join_path import P, S

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zwk" / "locale"
COLUMNS = {"tr": 1, "ar": 2, "uk": 3, "ru": 4, "de_LS": 5}
PLURAL_FORMS = {
    "de_LS": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
LANGUAGE_TEAMS = {
    "de_LS": "Leichte Sprache",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
}


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def unquote(lines):
    return "".join(
        line[line.index('"') + 1 : line.rindex('"')]
        .replace('\\"', '"')
        .replace("\\n", "\n")
        .replace("\\\\", "\\")
        for line in lines
    )


def fields_of(lines):
    fields, order, current = {}, [], None
    for line in lines:
        if not line or line.startswith("#"):
            continue
        match = re.match(r"(msgid_plural|msgid|msgstr(?:\[\d\])?|msgctxt) ", line)
        if match:
            current = match.group(1)
            fields[current] = [line[len(current) + 1 :]]
            order.append(current)
        elif current:
            fields[current].append(line)
    return fields


def fill(locale):
    path = LOCALE / locale / "LC_MESSAGES" / "django.po"
    column = COLUMNS[locale]
    singles = {row[0]: (row[column] if row[column] is not None else row[0]) for row in S}
    plurals = {key: forms[locale] for key, forms in P}
    count = int(re.search(r"nplurals=(\d)", PLURAL_FORMS[locale]).group(1))
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    out = []
    for index, block in enumerate(blocks):
        lines = block.split("\n")
        comments = [line for line in lines if line.startswith("#")]
        fields = fields_of(lines)
        if "msgid" not in fields:
            out.append(block)
            continue
        msgid = unquote(fields["msgid"])
        if index == 0 or msgid == "":
            header = block
            header = re.sub(
                r'"Plural-Forms: [^\n]*(\n"[^\n]*)*?\\n"',
                '"Plural-Forms: ' + PLURAL_FORMS[locale] + '\\\\n"',
                header,
            )
            header = re.sub(
                r'"Language-Team: [^"]*"',
                '"Language-Team: ' + LANGUAGE_TEAMS[locale] + '\\\\n"',
                header,
            )
            header = header.replace(
                "Project-Id-Version: PACKAGE VERSION", "Project-Id-Version: ZWK"
            )
            header = header.replace("#, fuzzy\n", "")
            header = re.sub(r'"Language: [^"]*"', '"Language: ' + locale + '\\\\n"', header)
            out.append(header)
            continue
        new = list(comments)
        if "msgctxt" in fields:
            new.append("msgctxt " + "\n".join(fields["msgctxt"]))
        new.append("msgid " + "\n".join(fields["msgid"]))
        if "msgid_plural" in fields:
            key = (msgid, unquote(fields["msgid_plural"]))
            new.append("msgid_plural " + "\n".join(fields["msgid_plural"]))
            old = [unquote(fields.get(f"msgstr[{i}]", ['""'])) for i in range(count)]
            forms = plurals.get(key, old)
            if key in plurals:
                new = [line for line in new if not line.startswith("#, fuzzy")]
            for i in range(count):
                new.append(f"msgstr[{i}] " + quote(forms[i] if i < len(forms) else ""))
        else:
            text = unquote(fields.get("msgstr", ['""']))
            if msgid in singles and "msgctxt" not in fields:
                text = singles[msgid]
                new = [line for line in new if not line.startswith("#, fuzzy")]
            new.append("msgstr " + quote(text))
        out.append("\n".join(new))
    path.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    for locale in sys.argv[1:] or COLUMNS:
        fill(locale)
