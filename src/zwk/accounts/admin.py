from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from zwk.accounts.models import AuditEntry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_office",
        "is_consultant",
        "is_active",
        "is_demo",
    ]
    list_filter = ["is_office", "is_consultant", "is_active", "is_staff", "is_demo"]
    search_fields = ["username", "email", "first_name", "last_name", "organisation"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("ZWK"), {"fields": ("is_office", "is_consultant", "organisation", "phone", "is_demo")}),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "message", "municipality", "security"]
    list_filter = ["security", "action", "municipality"]
    search_fields = ["actor_label", "message", "action"]
    date_hierarchy = "created_at"

    # The audit log is append-only, also for administrators.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
