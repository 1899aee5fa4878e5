from django.contrib import admin

from zwk.accountability.models import FeaturedAnswer, Follower, StatusChange


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    list_display = ("email", "municipality", "kind", "object_id", "status", "consented_at")
    list_filter = ("status", "kind")
    search_fields = ("email", "municipality__name")
    readonly_fields = ("confirm_nonce", "link_key")


@admin.register(FeaturedAnswer)
class FeaturedAnswerAdmin(admin.ModelAdmin):
    list_display = ("__str__", "municipality", "answered_on", "measure")
    search_fields = ("text", "municipality__name")


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("measure", "status", "changed_at", "notified_at")
    list_filter = ("status",)
