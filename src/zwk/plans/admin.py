from django.contrib import admin

from zwk.plans.models import (
    Comment,
    Goal,
    Indicator,
    Measure,
    Measurement,
    Milestone,
    Plan,
    PlanVersion,
)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["municipality", "status", "approved_version", "is_published", "updated_at"]
    list_filter = ["status", "is_published"]
    search_fields = ["municipality__name", "vision"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "theme", "preset"]
    list_filter = ["preset"]
    search_fields = ["text", "plan__municipality__name"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "status", "theme", "start", "end"]
    list_filter = ["status", "theme"]
    search_fields = ["title", "description", "responsible", "plan__municipality__name"]
    raw_id_fields = ["origin_sketch", "created_by"]
    inlines = [MilestoneInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    raw_id_fields = ["created_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "goal", "kind", "baseline", "target", "due"]
    list_filter = ["kind"]
    search_fields = ["name", "engine_key", "goal__plan__municipality__name"]
    inlines = [MeasurementInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    """Approved versions are immutable: readable here, never changed."""

    list_display = ["plan", "number", "approved_at", "approved_by"]
    search_fields = ["plan__municipality__name"]
    readonly_fields = ["plan", "number", "snapshot", "approved_at", "approved_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["plan", "measure", "author", "author_role", "created_at"]
    list_filter = ["author_role", "plan_status"]
    search_fields = ["body", "plan__municipality__name"]
    raw_id_fields = ["plan", "measure", "author"]
