"""Write the team's translations into the catalogues (issue 18).

    python tools/i18n/fill.py [en tr ar uk ru de_LS] && (cd src/zwk && python ../../manage.py compilemessages)

Tables: tools/i18n/join_path.py (the workshop join path /mitmachen/) and
tools/i18n/participant_paths.py (survey, home page, newsletter, events, legal and error pages),
one row per text with a column per language; tools/i18n/english.py for English (the whole UI).

Sets the Plural-Forms header of each language (Arabic 6 forms, Ukrainian and Russian 3), gives
every plural entry that many msgstr lines and fills the join path's entries; entries that
already have a translation are kept unless the team's table differs.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import content_paths
import english
import english_content
import english_ideas
import english_plan
import english_print
import event_mail_paths
import ideas_paths
import join_path
import participant_paths
import plan_paths
import print_paths

LOCALE = Path(__file__).resolve().parents[2] / "src" / "zwk" / "locale"
COLUMNS = {"en": None, "tr": 1, "ar": 2, "uk": 3, "ru": 4, "de_LS": 5}
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
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


def unfuzzy(lines):
    """Drop the fuzzy flag (keeping other flags such as python-format) and the previous msgid."""
    out = []
    for line in lines:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
            if not flags:
                continue
            line = "#, " + ", ".join(flags)
        out.append(line)
    return out


def fill(locale):
    path = LOCALE / locale / "LC_MESSAGES" / "django.po"
    column = COLUMNS[locale]
    if column is None:
        singles = dict(english.S) | dict(english_ideas.S)
        singles |= dict(english_print.S) | dict(english_content.S) | dict(english_plan.S)
        plurals = dict(english.P) | dict(english_ideas.P)
        plurals |= dict(english_print.P) | dict(english_content.P) | dict(english_plan.P)
    else:
        singles, plurals = {}, {}
        tables = (join_path, participant_paths, ideas_paths, print_paths, content_paths, plan_paths)
        tables += (event_mail_paths,)
        for table in tables:
            for row in table.S:
                singles[row[0]] = row[column] if row[column] is not None else row[0]
            for key, forms in table.P:
                if locale in forms:
                    plurals[key] = forms[locale]
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
            if locale == "en":
                out.append(header)
                continue
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
                new = unfuzzy(new)
            for i in range(count):
                new.append(f"msgstr[{i}] " + quote(forms[i] if i < len(forms) else ""))
        else:
            text = unquote(fields.get("msgstr", ['""']))
            if msgid in singles and "msgctxt" not in fields:
                text = singles[msgid]
                new = unfuzzy(new)
            new.append("msgstr " + quote(text))
        out.append("\n".join(new))
    path.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    for locale in sys.argv[1:] or COLUMNS:
        fill(locale)
