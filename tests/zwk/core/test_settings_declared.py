"""Every setting the code reads is declared in ``zwk/settings.py`` (or is Django's own), and
every environment variable it reads is documented in ``docs/betrieb.md`` (issue 14.6)."""

import re
from pathlib import Path

from django.conf import global_settings

import zwk.settings

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [p for p in (ROOT / "src" / "zwk").rglob("*.py") if "migrations" not in p.parts]


def test_the_code_reads_only_declared_settings_and_never_with_a_fallback():
    read, fallbacks = set(), []
    for path in SOURCES:
        text = path.read_text()
        read |= set(re.findall(r"\bsettings\.([A-Z][A-Z0-9_]+)", text))
        fallbacks += [
            f"{path.name}: {m}" for m in re.findall(r"getattr\(settings, \"(\w+)\"", text)
        ]
    undeclared = {
        name
        for name in read
        if not hasattr(zwk.settings, name) and not hasattr(global_settings, name)
    }
    assert not undeclared
    assert not fallbacks  # a default belongs into settings.py, not next to one reader


def test_every_environment_variable_is_documented_in_the_operations_guide():
    settings_text = (ROOT / "src" / "zwk" / "settings.py").read_text()
    variables = set(re.findall(r"env\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", settings_text))
    guide = (ROOT / "docs" / "betrieb.md").read_text()
    assert variables and not {v for v in variables if f"`{v}`" not in guide}
