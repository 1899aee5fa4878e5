"""Reads for the privacy pages: current legal texts, a person's data, the processing register."""

from __future__ import annotations

import json

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from zwk.accounts.models import AuditEntry, UserSession
from zwk.core import personal_data
from zwk.privacy.models import AccessibilityFeedback, LegalText


def current_text(kind: str) -> LegalText | None:
    return LegalText.objects.filter(kind=kind).order_by("-version").first()


def default_body(kind: str) -> str:
    """The built-in text, filled from the operator settings, until the office saves its own."""
    template = (
        "privacy/default_privacy.html" if kind == "privacy" else "privacy/default_imprint.html"
    )
    return render_to_string(template, {"operator": settings.ZWK_OPERATOR})


def account_data(user) -> dict:
    """What the account itself holds: profile, roles, sessions, audit entries about the person."""
    return {
        _("Konto"): {
            _("Benutzername"): user.username,
            _("Vorname"): user.first_name,
            _("Nachname"): user.last_name,
            _("E-Mail-Adresse"): user.email,
            _("Organisation"): user.organisation,
            _("Telefon"): user.phone,
            _("Konto angelegt"): user.date_joined.isoformat(),
            _("Letzte Anmeldung"): user.last_login.isoformat() if user.last_login else None,
            _("Geschäftsstelle"): user.is_office,
            _("Beratung"): user.is_consultant,
        },
        _("Mitgliedschaften"): [
            {_("Kommune"): m.municipality.name, _("Rolle"): m.get_role_display()}
            for m in user.memberships.select_related("municipality")
        ],
        _("Beratungszuordnungen"): [
            {_("Kommune"): a.municipality.name, _("aktiv"): a.active}
            for a in user.consultant_assignments.select_related("municipality")
        ],
        _("Angemeldete Geräte"): [
            {
                _("Browser"): s.user_agent,
                _("Netz"): s.ip_prefix,
                _("angemeldet am"): s.created_at.isoformat(),
            }
            for s in UserSession.objects.filter(user=user)
        ],
        _("Protokolleinträge"): [
            {
                _("Zeitpunkt"): e.created_at.isoformat(),
                _("Aktion"): e.action,
                _("Beschreibung"): e.message,
                _("IP-Adresse"): e.ip_address,
            }
            for e in AuditEntry.objects.filter(actor=user).order_by("created_at")[:5000]
        ],
    }


def person_export(user) -> dict:
    """Art. 15/20 DSGVO: everything the platform stores about ``user``, JSON-serialisable."""
    data = account_data(user)
    for provider in personal_data.providers():
        data[str(provider.label)] = provider.export(user)
    return data


def processing_register() -> list[dict]:
    """Art. 30 DSGVO: one row per processing activity (the core plus every registered app)."""
    rows = [
        {
            "key": "accounts",
            "label": _("Benutzerkonten und Anmeldung"),
            "purpose": _(
                "Zugang zur Plattform, Rechte je Kommune, Sicherheit (Sperre nach Fehlversuchen, "
                "Zwei-Faktor-Anmeldung, angemeldete Geräte)"
            ),
            "retention": _(
                "bis zur Löschung des Kontos; Sitzungen 12 Stunden; Protokoll: Personenbezug "
                "wird bei Löschung des Kontos entfernt"
            ),
        }
    ]
    rows += [
        {
            "key": p.key,
            "label": str(p.label),
            "purpose": str(p.purpose),
            "retention": str(p.retention),
        }
        for p in personal_data.providers()
    ]
    return rows


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def readable_sections(data: dict) -> list[dict]:
    """The export as sections a person can read: key/value lists and tables, no JSON."""
    sections = []
    for title, value in data.items():
        section = {"title": str(title), "kind": "empty"}
        if isinstance(value, dict) and value:
            if all(isinstance(v, (list, dict)) for v in value.values()):
                # An app's export with sub-parts: flatten one level.
                sections += readable_sections({f"{title} – {k}": v for k, v in value.items()})
                continue
            section.update(kind="pairs", pairs=[(str(k), _cell(v)) for k, v in value.items()])
        elif isinstance(value, list) and value and all(isinstance(r, dict) for r in value):
            headers = list(dict.fromkeys(k for row in value for k in row))
            section.update(
                kind="table",
                headers=[str(h) for h in headers],
                rows=[[_cell(row.get(h)) for h in headers] for row in value],
            )
        elif isinstance(value, list) and value:
            section.update(kind="list", items=[_cell(v) for v in value])
        elif value not in (None, "", [], {}):
            section.update(kind="pairs", pairs=[("", _cell(value))])
        sections.append(section)
    return sections


def accessibility_feedback():
    """Reported barriers for the office: open ones first, newest first."""
    return AccessibilityFeedback.objects.order_by("done", "-created_at")


def open_accessibility_feedback_count() -> int:
    return AccessibilityFeedback.objects.filter(done=False).count()


def export_accessibility_feedback(user) -> list[dict]:
    """Personal-data provider: feedback sent with the account's e-mail address."""
    if not user.email:
        return []
    return [
        {
            _("eingegangen am"): f"{row.created_at:%d.%m.%Y %H:%M}",
            _("Seite"): row.page,
            _("Beschreibung"): row.message,
            _("Name"): row.name,
        }
        for row in AccessibilityFeedback.objects.filter(email__iexact=user.email)
    ]
