from django.contrib import admin

from zwk.announcements.models import Announcement, Recipient


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    can_delete = False
    readonly_fields = ["municipality", "read_at", "read_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """For support only: writing and sending happen under /geschaeftsstelle/mitteilungen/."""

    list_display = ["subject", "audience", "sent_at", "mails_sent", "mails_failed", "author"]
    list_filter = ["audience"]
    search_fields = ["subject", "body"]
    readonly_fields = ["author", "sent_at", "mailed_at", "mails_sent", "mails_failed", "criteria"]
    inlines = [RecipientInline]
