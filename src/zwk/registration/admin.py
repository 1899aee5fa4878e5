from django.contrib import admin

from zwk.registration.models import (
    Application,
    FundingRound,
    PostalCode,
    RoundMembership,
    StepVideo,
)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "local_name", "ags", "kind", "status", "private_domain", "created_at"]
    list_filter = ["status", "kind", "land", "private_domain"]
    search_fields = ["name", "local_name", "ags", "email", "person_name"]
    readonly_fields = ["created_at", "confirmed_at", "decided_at", "decided_by", "municipality"]


class RoundMembershipInline(admin.TabularInline):
    model = RoundMembership
    extra = 0
    autocomplete_fields = ["municipality"]
    readonly_fields = ["added_at", "added_by"]


@admin.register(FundingRound)
class FundingRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "places", "consulting_days"]
    list_filter = ["open_for_applications"]
    search_fields = ["name"]
    inlines = [RoundMembershipInline]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "ags"]
    search_fields = ["code", "ags"]


@admin.register(StepVideo)
class StepVideoAdmin(admin.ModelAdmin):
    list_display = ["title", "step_kind", "uploaded_at"]
    list_filter = ["step_kind"]
