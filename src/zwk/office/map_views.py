"""The office's map of Germany with all Kommunen, coloured and shaped by their step.

Filters: Land, Art, Handlungsfeld, Demografietyp (the profile's typology over all imported
statistics). Beside the SVG (:mod:`zwk.office.map`) the page lists the same Kommunen in a
table, and those without coordinates with a link to enter them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from zwk.municipalities.models import Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS
from zwk.municipalities.validators import LAENDER, LAND_CHOICES
from zwk.office import map as office_map
from zwk.profiles import analysis
from zwk.profiles.regions import region_code_for

EVERY = [("", gettext_lazy("alle"))]
DONE = len(STEPS) + 1  # marker state: all steps done
NO_STEPS = 0


class MapFilterForm(forms.Form):
    land = forms.ChoiceField(label=gettext_lazy("Land"), required=False)
    art = forms.ChoiceField(label=gettext_lazy("Art"), required=False)
    handlungsfeld = forms.ModelChoiceField(
        label=gettext_lazy("Handlungsfeld"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=gettext_lazy("alle"),
    )
    demografietyp = forms.ChoiceField(
        label=gettext_lazy("Demografietyp"),
        required=False,
        help_text=gettext_lazy(
            "Typen aus den importierten Statistiken (Einzelaltersjahre) aller Kommunen."
        ),
    )

    def __init__(self, *args, type_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["land"].choices = EVERY + LAND_CHOICES
        self.fields["art"].choices = EVERY + list(Municipality.Kind.choices)
        self.fields["handlungsfeld"].queryset = Theme.objects.filter(municipality__isnull=True)
        self.fields["demografietyp"].choices = EVERY + [(n, n) for n in type_names]
        if not type_names:
            self.fields["demografietyp"].help_text = _(
                "Noch keine Demografietypen: dafür braucht es importierte Bevölkerungsstände "
                "nach Einzelaltersjahren von mindestens drei Gebieten."
            )


@dataclass(frozen=True)
class MapRow:
    municipality: Municipality
    state: int  # office_map.MARKERS key
    step_label: str
    demographic_type: str
    lon: float | None
    lat: float | None

    @property
    def title(self) -> str:
        m = self.municipality
        return (
            f"{m.name} ({m.get_kind_display()}, {LAENDER.get(m.land, m.land)}): {self.step_label}"
        )


def state_labels() -> dict[int, str]:
    labels = {NO_STEPS: _("ohne Schritte")}
    for s in STEPS:
        labels[s.number] = _("Schritt %(n)d: %(title)s") % {"n": s.number, "title": s.title}
    labels[DONE] = _("alle Schritte abgeschlossen")
    return labels


def _states(qs: QuerySet[Municipality]) -> dict[int, tuple[int, str]]:
    """(marker state, status) per Kommune id: the first step that is not done."""
    order = {s.kind: s.number for s in STEPS}
    steps: dict[int, dict[int, str]] = {}
    for mid, kind, status in ProcessStep.objects.filter(municipality__in=qs).values_list(
        "municipality_id", "kind", "status"
    ):
        steps.setdefault(mid, {})[order[kind]] = status
    out: dict[int, tuple[int, str]] = {}
    for mid, by_number in steps.items():
        current = next(
            (n for n in sorted(by_number) if by_number[n] != ProcessStep.Status.DONE), None
        )
        out[mid] = (DONE, "") if current is None else (current, by_number[current])
    return out


def map_rows(
    *, land: str = "", kind: str = "", theme: Theme | None = None, demographic_type: str = ""
) -> list[MapRow]:
    """The Kommunen matching the filters with their step and Demografietyp, by name."""
    qs = Municipality.objects.select_related("profile")
    if land:
        qs = qs.filter(land=land)
    if kind:
        qs = qs.filter(kind=kind)
    if theme is not None:
        qs = qs.filter(themes=theme)
    states = _states(qs)
    data = analysis.typology_data()
    type_of: dict[str, str] = {}
    if data is not None:
        typology = data.typology
        type_of = {
            code: typology.types[int(label)].name
            for code, label in zip(typology.codes, typology.labels, strict=True)
        }
    labels = state_labels()
    status_labels = dict(ProcessStep.Status.choices)
    rows = []
    for m in qs.order_by("name"):
        state, status = states.get(m.id, (NO_STEPS, ""))
        code = region_code_for(m)
        dtype = type_of.get(code, "") if code else ""
        if demographic_type and dtype != demographic_type:
            continue
        label = labels[state]
        if status:
            label = f"{label} ({status_labels.get(status, status)})"
        rows.append(
            MapRow(
                municipality=m,
                state=state,
                step_label=label,
                demographic_type=dtype,
                lon=float(m.longitude) if m.longitude is not None else None,
                lat=float(m.latitude) if m.latitude is not None else None,
            )
        )
    return rows


def type_names() -> list[str]:
    data = analysis.typology_data()
    return [t.name for t in data.typology.types] if data is not None else []


def render_map(rows: list[MapRow]) -> str:
    """The SVG for ``rows`` (only those with coordinates)."""
    points = [
        office_map.MapPoint(
            lon=r.lon,
            lat=r.lat,
            title=r.title,
            href=reverse("municipalities:workspace", kwargs={"slug": r.municipality.slug}),
            state=r.state,
        )
        for r in rows
        if r.lon is not None and r.lat is not None
    ]
    return office_map.render_svg(
        points,
        title=_("Karte der Kommunen im Programm"),
        description=_(
            "%(n)d Kommunen als Punkte auf dem Umriss Deutschlands. Farbe und Form zeigen "
            "den aktuellen Schritt; jeder Punkt ist ein Link zur Kommune. Dieselben Kommunen "
            "stehen in der Tabelle unter der Karte."
        )
        % {"n": len(points)},
    )


@login_required
@require_GET
def map_page(request):
    if not request.user.has_perm("accounts.view_office_area"):
        raise PermissionDenied
    names = type_names()
    form = MapFilterForm(request.GET or None, type_names=names)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "land": form.cleaned_data["land"],
            "kind": form.cleaned_data["art"],
            "theme": form.cleaned_data["handlungsfeld"],
            "demographic_type": form.cleaned_data["demografietyp"],
        }
    rows = map_rows(**filters)
    labels = state_labels()
    counts = dict.fromkeys(labels, 0)
    for r in rows:
        counts[r.state] += 1
    legend = [
        (state, mark_safe(office_map.legend_icon(state)), labels[state], counts[state])
        for state in labels
        if state != NO_STEPS or counts[state]
    ]
    located = [r for r in rows if r.lon is not None]
    return render(
        request,
        "office/map.html",
        {
            "form": form,
            "svg": mark_safe(render_map(rows)),
            "rows": rows,
            "legend": legend,
            "located": len(located),
            "unlocated": [r for r in rows if r.lon is None],
        },
        status=400 if form.errors else 200,
    )
