"""Django admin for the office: list filters and search on every model."""

from django.contrib import admin

from zwk.municipalities.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    ConsultantAssignment,
    Invitation,
    KickoffActor,
    Membership,
    Municipality,
    ProcessStep,
    StepDocument,
    Theme,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class ConsultantAssignmentInline(admin.TabularInline):
    model = ConsultantAssignment
    extra = 0
    autocomplete_fields = ["consultant"]


class ProcessStepInline(admin.TabularInline):
    model = ProcessStep
    extra = 0
    can_delete = False
    fields = ["kind", "status", "start_date", "due_date", "completed_on", "responsible"]
    readonly_fields = ["kind"]
    raw_id_fields = ["responsible"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "land", "ags", "population", "is_demo", "updated_at"]
    list_filter = ["kind", "land", "is_demo", "themes"]
    search_fields = ["name", "slug", "ags", "local_name", "contact_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    inlines = [ProcessStepInline, MembershipInline, ConsultantAssignmentInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "order"]
    list_filter = [("municipality", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug"]


@admin.register(ProcessStep)
class ProcessStepAdmin(admin.ModelAdmin):
    list_display = ["municipality", "kind", "status", "start_date", "due_date", "completed_on"]
    list_filter = ["kind", "status", "municipality__land"]
    search_fields = ["municipality__name"]
    raw_id_fields = ["responsible"]


@admin.register(ChecklistTemplateItem)
class ChecklistTemplateItemAdmin(admin.ModelAdmin):
    list_display = ["text", "step_kind", "order", "active"]
    list_filter = ["step_kind", "active"]
    search_fields = ["text"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["text", "step", "done", "done_at"]
    list_filter = ["done", "step__kind"]
    search_fields = ["text", "step__municipality__name"]
    raw_id_fields = ["step", "done_by", "template_item"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "function"]
    list_filter = ["role", "municipality"]
    search_fields = ["user__username", "user__email", "user__last_name", "municipality__name"]
    autocomplete_fields = ["user", "municipality"]


@admin.register(ConsultantAssignment)
class ConsultantAssignmentAdmin(admin.ModelAdmin):
    list_display = ["consultant", "municipality", "active", "since"]
    list_filter = ["active"]
    search_fields = ["consultant__last_name", "municipality__name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "kind",
        "municipality",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = [
        "kind",
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email", "municipality__name"]
    readonly_fields = ["token", "accepted_by", "accepted_at", "invited_by"]


@admin.register(StepDocument)
class StepDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "step", "doc_type", "size", "uploaded_at"]
    list_filter = ["doc_type", "step__kind"]
    search_fields = ["title", "original_name", "step__municipality__name"]
    readonly_fields = ["file", "original_name", "content_type", "size", "uploaded_by"]


@admin.register(KickoffActor)
class KickoffActorAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "municipality", "is_leadership"]
    list_filter = ["is_leadership"]
    search_fields = ["name", "organisation", "municipality__name"]
