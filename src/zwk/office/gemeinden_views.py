"""The office's view of all Gemeinden of one Land side by side (``/geschaeftsstelle/gemeinden/
?land=09``): the same table, map and downloads as a Landkreis's page
(:mod:`zwk.profiles.views_kreis`), for every Gemeinde whose AGS starts with the Land key.
Office only, like the rest of the office area; the Land is a filter, as on the office map.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from zwk.municipalities.validators import LAND_CHOICES
from zwk.profiles import kreis
from zwk.profiles.views_kreis import download, render_page


class LandForm(forms.Form):
    land = forms.ChoiceField(label=gettext_lazy("Land"), choices=LAND_CHOICES)


def _land(request) -> tuple[LandForm, str]:
    if not request.user.has_perm("accounts.view_office_area"):
        raise PermissionDenied
    form = LandForm(request.GET if "land" in request.GET else None)
    land = form.cleaned_data["land"] if form.is_bound and form.is_valid() else ""
    return form, land


@login_required
@require_GET
def land_gemeinden(request):
    form, land = _land(request)
    labels = dict(LAND_CHOICES)
    title = (
        _("Gemeinden – %(land)s") % {"land": labels[land]} if land else _("Gemeinden eines Landes")
    )
    response = render_page(
        request,
        overview=kreis.overview(land) if land else kreis.Overview(""),
        title=title,
        base_url=reverse("office:land_gemeinden"),
        csv_url=reverse("office:land_gemeinden_csv"),
        xlsx_url=reverse("office:land_gemeinden_xlsx"),
        extra_query={"land": land} if land else {},
        template="office/land_gemeinden.html",
        template_extra={"land_form": form, "choose_land": not land},
    )
    if form.is_bound and not land:
        response.status_code = 400
    return response


def _export(request, fmt: str):
    _form, land = _land(request)
    if not land:
        return land_gemeinden(request)
    return download(request, kreis.overview(land), f"gemeinden-land-{land}", fmt)


@login_required
@require_GET
def land_gemeinden_csv(request):
    return _export(request, "csv")


@login_required
@require_GET
def land_gemeinden_xlsx(request):
    return _export(request, "xlsx")
