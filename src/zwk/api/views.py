"""Views of the API: public reads, a Kommune's own data by token, schema and docs, and the
pages on which a person manages their tokens.

Views stay thin: querysets and payloads come from ``selectors``, token writes from
``services``. Public views never see unpublished data; ``intern/`` views fetch the Kommune
through ``municipality_for`` with the token's user (another Kommune → 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from zwk.api import docs, selectors, serializers, services
from zwk.api.caching import PrivateCacheMixin, PublicCacheMixin
from zwk.api.forms import TokenCreateForm
from zwk.api.models import ApiToken, Scope
from zwk.api.permissions import HasTokenScope
from zwk.core.views import add_form_errors, confirm_page
from zwk.municipalities.access import municipality_for
from zwk.plans.models import Measure, Plan

FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description="Antwortformat (alternativ: Accept-Header text/csv)",
)
NOT_FOUND = OpenApiResponse(description="Nicht gefunden oder nicht veröffentlicht")
BAD_FILTER = OpenApiResponse(description="Ungültiger Filterwert")
NO_TOKEN = OpenApiResponse(description="Kein, ein abgelaufenes oder widerrufenes Token")
NO_SCOPE = OpenApiResponse(description="Dem Token fehlt die Berechtigung")
THROTTLED = OpenApiResponse(description="Zu viele Anfragen (Ratenbegrenzung)")
# A bad token is refused on public endpoints too (never silently anonymous).
NOT_ACCEPTABLE = OpenApiResponse(description="Unbekanntes Format (json oder csv)")
PUBLIC_LIST_ERRORS = {400: BAD_FILTER, 401: NO_TOKEN, 406: NOT_ACCEPTABLE, 429: THROTTLED}
PUBLIC_ERRORS = {401: NO_TOKEN, 404: NOT_FOUND, 406: NOT_ACCEPTABLE, 429: THROTTLED}


def _filters(request, serializer_class) -> dict:
    serializer = serializer_class(data=request.query_params)
    if not serializer.is_valid():
        raise ValidationError(serializer.errors)
    return {k: v for k, v in serializer.validated_data.items() if v not in ("", None)}


class PublicList(PublicCacheMixin, generics.ListAPIView):
    pass


# --- Public: Kommunen -------------------------------------------------------------------


@extend_schema(
    tags=["Kommunen"],
    summary="Kommunen im Programm",
    parameters=[serializers.MunicipalityFilter, FORMAT],
    responses={200: serializers.MunicipalitySerializer(many=True), **PUBLIC_LIST_ERRORS},
)
class MunicipalityList(PublicList):
    serializer_class = serializers.MunicipalitySerializer

    def get_queryset(self):
        return selectors.public_municipalities(
            **_filters(self.request, serializers.MunicipalityFilter)
        )


@extend_schema(
    tags=["Kommunen"],
    summary="Eine Kommune (öffentliche Angaben)",
    parameters=[FORMAT],
    responses={200: serializers.MunicipalitySerializer, **PUBLIC_ERRORS},
)
class MunicipalityDetail(PublicCacheMixin, generics.RetrieveAPIView):
    serializer_class = serializers.MunicipalitySerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.public_municipalities()


def _published_profile(slug):
    municipality = selectors.published_profile_municipality(slug)
    if municipality is None:
        raise Http404
    return municipality


@extend_schema(
    tags=["Kommunalprofil"],
    summary="Kennzahlen eines veröffentlichten Kommunalprofils",
    parameters=[FORMAT],
    responses={200: serializers.ProfileSerializer, **PUBLIC_ERRORS},
)
class ProfileIndicators(PublicCacheMixin, APIView):
    csv_rows = "indicators"

    def get(self, request, slug):
        return Response(selectors.indicators(_published_profile(slug)))


@extend_schema(
    tags=["Kommunalprofil"],
    summary="Bevölkerungsvorausberechnung (Basisszenario) eines veröffentlichten Profils",
    parameters=[FORMAT],
    responses={200: serializers.ProjectionSerializer, **PUBLIC_ERRORS},
)
class ProfileProjection(PublicCacheMixin, APIView):
    csv_rows = "years"

    def get(self, request, slug):
        return Response(selectors.projection(_published_profile(slug)))


# --- Public: Werkstattpläne -------------------------------------------------------------


def _status_counts():
    counts = {"measures_total": Count("measures", distinct=True)}
    for status in Measure.Status.values:
        counts[f"measures_{status}"] = Count(
            "measures", filter=Q(measures__status=status), distinct=True
        )
    return counts


@extend_schema(
    tags=["Werkstattpläne"],
    summary="Veröffentlichte Werkstattpläne mit dem Stand ihrer Maßnahmen",
    parameters=[serializers.PlanFilter, FORMAT],
    responses={200: serializers.PlanListSerializer(many=True), **PUBLIC_LIST_ERRORS},
)
class PlanList(PublicList):
    serializer_class = serializers.PlanListSerializer

    def get_queryset(self):
        f = _filters(self.request, serializers.PlanFilter)
        qs = selectors.public_plans().select_related("municipality").annotate(**_status_counts())
        if f.get("land"):
            qs = qs.filter(municipality__land=f["land"])
        if f.get("kind"):
            qs = qs.filter(municipality__kind=f["kind"])
        return qs.order_by("municipality__name", "pk")


@extend_schema(
    tags=["Werkstattpläne"],
    summary="Veröffentlichter Werkstattplan einer Kommune (beschlossene Fassung)",
    parameters=[serializers.MeasureFilter, FORMAT],
    responses={200: serializers.PublicPlanSerializer, 400: BAD_FILTER, **PUBLIC_ERRORS},
)
class PlanDetail(PublicCacheMixin, APIView):
    csv_rows = "measures"

    def get(self, request, slug):
        f = _filters(request, serializers.MeasureFilter)
        plan = get_object_or_404(
            selectors.public_plans().select_related("municipality"), municipality__slug=slug
        )
        payload = selectors.public_plan(plan)
        if f.get("status"):
            payload["measures"] = [m for m in payload["measures"] if m["status"] == f["status"]]
        return Response(payload)


# --- Public: Werkzeugkoffer and Austausch -----------------------------------------------


@extend_schema(
    tags=["Werkzeugkoffer"],
    summary="Veröffentlichte Werkzeuge (Methoden, Beispiele, Leitfäden)",
    parameters=[serializers.EntryFilter, FORMAT],
    responses={200: serializers.EntrySerializer(many=True), **PUBLIC_LIST_ERRORS},
)
class EntryList(PublicList):
    serializer_class = serializers.EntrySerializer

    def get_queryset(self):
        f = _filters(self.request, serializers.EntryFilter)
        return selectors.public_entries(
            entry_type=f.get("type", ""),
            theme=f.get("theme", ""),
            phase=f.get("phase", ""),
            target_group=f.get("target_group", ""),
            q=f.get("q", ""),
        )


@extend_schema(
    tags=["Werkzeugkoffer"],
    summary="Ein veröffentlichtes Werkzeug",
    parameters=[FORMAT],
    responses={200: serializers.EntryDetailSerializer, **PUBLIC_ERRORS},
)
class EntryDetail(PublicCacheMixin, generics.RetrieveAPIView):
    serializer_class = serializers.EntryDetailSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.public_entries()


@extend_schema(
    tags=["Austausch"],
    summary="Veranstaltungen des Programms (veröffentlicht oder abgesagt)",
    parameters=[serializers.EventFilter, FORMAT],
    responses={200: serializers.EventSerializer(many=True), **PUBLIC_LIST_ERRORS},
)
class EventList(PublicList):
    serializer_class = serializers.EventSerializer

    def get_queryset(self):
        f = _filters(self.request, serializers.EventFilter)
        return selectors.public_events(
            period=f.get("period", ""), event_type=f.get("type", ""), theme=f.get("theme", "")
        )


@extend_schema(
    tags=["Austausch"],
    summary="Eine Veranstaltung",
    parameters=[FORMAT],
    responses={200: serializers.EventSerializer, **PUBLIC_ERRORS},
)
class EventDetail(PublicCacheMixin, generics.RetrieveAPIView):
    serializer_class = serializers.EventSerializer

    def get_queryset(self):
        return selectors.public_events()


# --- With token: a Kommune's own data ---------------------------------------------------


class Own(PrivateCacheMixin, APIView):
    permission_classes = [HasTokenScope]
    required_scope = Scope.KOMMUNE.value


OWN_ERRORS = {401: NO_TOKEN, 403: NO_SCOPE, 404: NOT_FOUND, 406: NOT_ACCEPTABLE, 429: THROTTLED}


@extend_schema(
    tags=["Eigene Kommunen (Token)"],
    summary="Die Kommunen des Token-Inhabers",
    parameters=[FORMAT],
    responses={200: serializers.OwnMunicipalitySerializer(many=True), **OWN_ERRORS},
)
class OwnMunicipalityList(PrivateCacheMixin, generics.ListAPIView):
    permission_classes = [HasTokenScope]
    required_scope = Scope.KOMMUNE.value
    serializer_class = serializers.OwnMunicipalitySerializer

    def get_queryset(self):
        return selectors.own_municipalities(self.request.user)


@extend_schema(
    tags=["Eigene Kommunen (Token)"],
    summary="Eine eigene Kommune mit Prozessschritten",
    parameters=[FORMAT],
    responses={200: serializers.OwnMunicipalitySerializer, **OWN_ERRORS},
)
class OwnMunicipalityDetail(Own):
    def get(self, request, slug):
        municipality = municipality_for(request, slug)
        municipality = selectors.own_municipalities(request.user).get(pk=municipality.pk)
        return Response(serializers.OwnMunicipalitySerializer(municipality).data)


@extend_schema(
    tags=["Eigene Kommunen (Token)"],
    summary="Kennzahlen des eigenen Kommunalprofils (auch unveröffentlicht)",
    parameters=[FORMAT],
    responses={200: serializers.ProfileSerializer, **OWN_ERRORS},
)
class OwnProfile(Own):
    required_scope = Scope.PROFILE.value
    csv_rows = "indicators"

    def get(self, request, slug):
        municipality = municipality_for(request, slug, "profiles.view_profile")
        return Response(selectors.indicators(municipality))


@extend_schema(
    tags=["Eigene Kommunen (Token)"],
    summary="Der aktuelle Werkstattplan der eigenen Kommune (auch Entwurf)",
    parameters=[serializers.MeasureFilter, FORMAT],
    responses={200: serializers.OwnPlanSerializer, 400: BAD_FILTER, **OWN_ERRORS},
)
class OwnPlan(Own):
    required_scope = Scope.PLAN.value
    csv_rows = "measures"

    def get(self, request, slug):
        municipality = municipality_for(request, slug, "plans.view_plan")
        f = _filters(request, serializers.MeasureFilter)
        plan = Plan.objects.filter(municipality=municipality).first()
        if plan is None:
            raise Http404
        payload = selectors.own_plan(plan)
        if f.get("status"):
            payload["measures"] = [m for m in payload["measures"] if m["status"] == f["status"]]
        return Response(payload)


# --- Schema and documentation -----------------------------------------------------------


@never_cache
def documentation(request):
    """Server-rendered reference of every endpoint, generated from the OpenAPI schema."""
    return render(request, "api/docs.html", {"doc": docs.reference(request)})


# --- Token pages (session login) --------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the user's tokens and create a new one (the plain token is shown once)."""
    form = TokenCreateForm(request.POST or None, prefix="token")
    created = plain = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created, plain = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    valid_days=form.cleaned_data["valid_days"],
                    request=request,
                )
            except DjangoValidationError as exc:
                add_form_errors(form, exc)
        if created is None:
            status = 400
        else:
            form = TokenCreateForm(prefix="token")
    qs = ApiToken.objects.filter(user=request.user)
    page = Paginator(qs, 25).get_page(request.GET.get("seite"))
    context = {
        "form": form,
        "page": page,
        "created": created,
        "plain": plain,
        "api_base": request.build_absolute_uri(reverse("api:municipalities")),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "POST":
        services.token_revoke(token=token, by=request.user, request=request)
        messages.success(request, _("Das Token „%(name)s“ ist widerrufen.") % {"name": token.name})
        return redirect("api:tokens")
    return confirm_page(
        request,
        title=_("Token widerrufen"),
        question=_(
            "Soll das Token „%(name)s“ (zwk_%(prefix)s_…) widerrufen werden? Programme, "
            "die es benutzen, erhalten danach keinen Zugriff mehr."
        )
        % {"name": token.name, "prefix": token.prefix},
        confirm_label=_("Widerrufen"),
        cancel_url=reverse("api:tokens"),
    )
