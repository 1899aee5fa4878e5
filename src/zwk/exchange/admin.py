from django.contrib import admin

from zwk.exchange.models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "organisation", "status", "created_at", "reminded_at"]
    readonly_fields = ["created_at", "reminded_at"]
    # Status changes go through the services (waiting list, e-mails, no overbooking).
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "event_type", "start", "audience", "status", "capacity"]
    list_filter = ["status", "event_type", "audience", "themes"]
    search_fields = ["title", "description"]
    date_hierarchy = "start"
    inlines = [RegistrationInline]
    readonly_fields = ["uid", "sequence", "created_by", "created_at", "updated_at"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation", "event__title"]
    readonly_fields = [
        "event", "user", "status", "created_at", "confirmed_at", "cancelled_at", "reminded_at",
        "anonymised_at",
    ]  # fmt: skip
