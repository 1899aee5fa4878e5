"""Admin of the Beratungspool: for looking things up. Status changes, budgets and day logs go
through the pages (services check the rules and write the audit log), so those are read-only
here."""

from django.contrib import admin

from zwk.consulting.models import (
    ConsultantProfile,
    ConsultingRequest,
    DayBudget,
    DayLog,
    ProfileTag,
    Proposal,
)


class ProfileTagInline(admin.TabularInline):
    model = ProfileTag
    extra = 0


@admin.register(ConsultantProfile)
class ConsultantProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "headline", "accepts_requests", "available_from", "available_until"]
    list_filter = ["accepts_requests", "themes"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "headline"]
    inlines = [ProfileTagInline]


class ProposalInline(admin.TabularInline):
    model = Proposal
    fk_name = "request"
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Proposal._meta.fields]


@admin.register(ConsultingRequest)
class ConsultingRequestAdmin(admin.ModelAdmin):
    list_display = ["topic", "municipality", "status", "urgency", "consultant", "created_at"]
    list_filter = ["status", "urgency", "format"]
    search_fields = ["topic", "description", "municipality__name"]
    readonly_fields = ["status", "consultant", "created_by", "completed_at"]
    inlines = [ProposalInline]


@admin.register(DayBudget)
class DayBudgetAdmin(admin.ModelAdmin):
    list_display = ["municipality", "year", "days", "allow_overrun"]
    list_filter = ["year", "allow_overrun"]
    search_fields = ["municipality__name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DayLog)
class DayLogAdmin(admin.ModelAdmin):
    list_display = ["worked_on", "municipality", "consultant", "days", "over_budget"]
    list_filter = ["over_budget"]
    search_fields = ["activity", "municipality__name", "request__topic"]
    date_hierarchy = "worked_on"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
