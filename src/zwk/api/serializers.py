"""Output shapes of the API (and query-parameter validation of its filters).

Serializers describe the JSON exactly, so the OpenAPI schema generated from them is what
clients get; the contract test checks responses against it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zwk.exchange.models import Event, EventType
from zwk.municipalities.models import Municipality, ProcessStep
from zwk.municipalities.process import STEP_KIND_CHOICES
from zwk.municipalities.validators import LAND_CHOICES
from zwk.plans.models import Measure
from zwk.toolbox.models import Entry, EntryType, TargetGroup

# --- Query parameters -------------------------------------------------------------------


class SearchField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)


class MunicipalityFilter(serializers.Serializer):
    land = serializers.ChoiceField(
        choices=LAND_CHOICES, required=False, help_text=_("Land (zweistelliger Schlüssel)")
    )
    kind = serializers.ChoiceField(
        choices=Municipality.Kind.choices, required=False, help_text=_("Art der Kommune")
    )
    q = SearchField(help_text=_("Suche im Namen"))
    profile_published = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("nur mit öffentlichem Profil")
    )


class EntryFilter(serializers.Serializer):
    type = serializers.ChoiceField(choices=EntryType.choices, required=False)
    theme = serializers.SlugField(required=False, max_length=120, help_text=_("Handlungsfeld"))
    phase = serializers.ChoiceField(choices=STEP_KIND_CHOICES, required=False)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    q = SearchField(help_text=_("Suche in Titel und Kurzbeschreibung"))


class PlanFilter(serializers.Serializer):
    land = serializers.ChoiceField(choices=LAND_CHOICES, required=False)
    kind = serializers.ChoiceField(choices=Municipality.Kind.choices, required=False)


class MeasureFilter(serializers.Serializer):
    status = serializers.ChoiceField(choices=Measure.Status.choices, required=False)


class EventFilter(serializers.Serializer):
    period = serializers.ChoiceField(
        choices=[("upcoming", _("kommend")), ("past", _("vergangen"))], required=False
    )
    type = serializers.ChoiceField(choices=EventType.choices, required=False)
    theme = serializers.SlugField(required=False, max_length=120)


# --- Kommunen ----------------------------------------------------------------------------


class MunicipalityRef(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class MunicipalitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    land_name = serializers.CharField(source="get_land_display")
    profile_published = serializers.BooleanField()
    plan_published = serializers.BooleanField()

    class Meta:
        model = Municipality
        fields = [
            "slug",
            "name",
            "local_name",
            "kind",
            "kind_label",
            "land",
            "land_name",
            "ags",
            "population",
            "population_date",
            "description",
            "programme_start",
            "programme_end",
            "profile_published",
            "plan_published",
        ]


class StepSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = ProcessStep
        fields = [
            "kind",
            "title",
            "status",
            "status_label",
            "start_date",
            "due_date",
            "completed_on",
        ]

    def get_title(self, obj) -> str:
        return str(obj.type.title)


class OwnMunicipalitySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    themes = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "slug",
            "name",
            "local_name",
            "kind",
            "kind_label",
            "land",
            "ags",
            "population",
            "population_date",
            "programme_start",
            "programme_end",
            "themes",
            "steps",
        ]


# --- Kommunalprofil ---------------------------------------------------------------------


class SourceSerializer(serializers.Serializer):
    table = serializers.CharField()
    title = serializers.CharField()
    stand = serializers.CharField(allow_blank=True)
    licence = serializers.CharField(allow_blank=True)


class IndicatorSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    definition = serializers.CharField(allow_blank=True)
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    change_to_previous_year = serializers.FloatField(allow_null=True)
    kreis = serializers.FloatField(allow_null=True)
    land = serializers.FloatField(allow_null=True)
    bund = serializers.FloatField(allow_null=True)
    similar_kommunen = serializers.FloatField(allow_null=True)
    size_class = serializers.FloatField(allow_null=True)
    source = serializers.CharField(allow_blank=True)


class ProfileSerializer(serializers.Serializer):
    kommune = MunicipalityRef()
    region = serializers.CharField(allow_null=True)
    indicators = IndicatorSerializer(many=True)
    sources = SourceSerializer(many=True)
    attribution = serializers.CharField(allow_blank=True)


class ProjectionYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    population = serializers.FloatField()
    population_low_migration = serializers.FloatField()
    population_high_migration = serializers.FloatField()
    kita_0_2 = serializers.FloatField()
    kita_3_5 = serializers.FloatField()
    pupils_6_9 = serializers.FloatField()
    pupils_10_15 = serializers.FloatField()
    age_80_plus = serializers.FloatField()
    care_needs = serializers.FloatField()


class ProjectionSerializer(serializers.Serializer):
    kommune = MunicipalityRef()
    scenario = serializers.CharField()
    base_year = serializers.IntegerField(allow_null=True)
    horizon_years = serializers.IntegerField()
    groups = serializers.DictField(child=serializers.CharField())
    years = ProjectionYearSerializer(many=True)
    sources = SourceSerializer(many=True)
    attribution = serializers.CharField(allow_blank=True)


# --- Werkstattplan ----------------------------------------------------------------------


class GoalSerializer(serializers.Serializer):
    text = serializers.CharField()
    theme = serializers.CharField(allow_blank=True)


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True)


class OwnMilestoneSerializer(MilestoneSerializer):
    done_on = serializers.DateField(allow_null=True)


class MeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    theme = serializers.CharField(allow_blank=True)
    goals = serializers.ListField(child=serializers.CharField())
    smart_target = serializers.CharField(allow_blank=True)
    target_groups = serializers.ListField(child=serializers.CharField())
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)
    key_measure = serializers.BooleanField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class PublicMeasureSerializer(MeasureSerializer):
    status_at_approval = serializers.CharField(allow_blank=True)
    milestones = MilestoneSerializer(many=True)


class OwnMeasureSerializer(MeasureSerializer):
    status_reason = serializers.CharField(allow_blank=True)
    responsible = serializers.CharField(allow_blank=True)
    budget_planned = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    budget_actual = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    milestones = OwnMilestoneSerializer(many=True)


class PlanListSerializer(serializers.Serializer):
    kommune = MunicipalityRef(source="municipality")
    land = serializers.CharField(source="municipality.land")
    kind = serializers.CharField(source="municipality.kind")
    published_at = serializers.DateTimeField(allow_null=True)
    approved_version = serializers.IntegerField()
    measures_total = serializers.IntegerField()
    measures_planned = serializers.IntegerField()
    measures_running = serializers.IntegerField()
    measures_done = serializers.IntegerField()
    measures_paused = serializers.IntegerField()
    measures_dropped = serializers.IntegerField()


class PublicPlanSerializer(serializers.Serializer):
    kommune = MunicipalityRef()
    version = serializers.IntegerField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    vision = serializers.CharField(allow_blank=True)
    goals = GoalSerializer(many=True)
    measures = PublicMeasureSerializer(many=True)


class OwnPlanSerializer(serializers.Serializer):
    kommune = MunicipalityRef()
    status = serializers.CharField()
    status_label = serializers.CharField()
    approved_version = serializers.IntegerField(allow_null=True)
    published = serializers.BooleanField()
    vision = serializers.CharField(allow_blank=True)
    goals = GoalSerializer(many=True)
    measures = OwnMeasureSerializer(many=True)


# --- Werkzeugkoffer ---------------------------------------------------------------------


class EntrySerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="entry_type")
    type_label = serializers.CharField(source="get_entry_type_display")
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = [
            "slug",
            "title",
            "type",
            "type_label",
            "summary",
            "themes",
            "phases",
            "target_groups",
            "municipality_kinds",
            "sizes",
            "duration",
            "effort",
            "cost_range",
            "licence",
            "last_reviewed",
            "published_at",
            "updated_at",
            "url",
        ]

    def get_url(self, obj) -> str:
        return reverse("toolbox:detail", kwargs={"entry": obj.slug})


class EntryDetailSerializer(EntrySerializer):
    media_url = serializers.CharField(allow_blank=True, help_text="Adresse einer Aufzeichnung")

    class Meta(EntrySerializer.Meta):
        fields = [
            *EntrySerializer.Meta.fields,
            "body",
            "steps",
            "group_size",
            "links",
            "example_place",
            "period",
            "results",
            "lessons_learnt",
            "transferability",
            "evidence",
            "source",
            "media_url",
        ]


# --- Austausch --------------------------------------------------------------------------


class EventSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="event_type")
    type_label = serializers.CharField(source="get_event_type_display")
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    online = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "type",
            "type_label",
            "themes",
            "start",
            "end",
            "status",
            "audience",
            "place",
            "capacity",
            "online",
            "url",
        ]

    def get_online(self, obj) -> bool:
        return bool(obj.online_link)

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()
