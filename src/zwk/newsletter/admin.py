from django.contrib import admin

from zwk.newsletter.models import ConsentRecord, Delivery, Issue, Subscriber


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = ["action", "text_version", "ip_hash", "via", "created_at"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    readonly_fields = ["confirm_nonce", "link_key", "created_at", "confirm_sent_at"]
    inlines = [ConsentInline]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "scheduled_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["idempotency_key", "status", "attempts", "sent_at"]
    list_filter = ["status", "issue"]
    search_fields = ["idempotency_key", "subscriber__email"]
    raw_id_fields = ["issue", "subscriber"]
