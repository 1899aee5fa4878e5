"""Admin of the Vernetzung: discussions and reports. Messages between Kommunen are left out
on purpose – the office does not read them (see docs/austausch.md)."""

from django.contrib import admin

from zwk.network.models import Post, Report, Subscription, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "theme", "last_post_at", "locked_at")
    list_filter = ("theme", ("locked_at", admin.EmptyFieldListFilter))
    search_fields = ("title",)
    raw_id_fields = ("created_by",)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("thread", "author_label", "created_at", "hidden_at", "deleted_at")
    list_filter = (("hidden_at", admin.EmptyFieldListFilter), "thread__theme")
    search_fields = ("text", "author_label", "thread__title")
    raw_id_fields = ("thread", "author", "hidden_by")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("post", "reason", "created_at", "outcome")
    list_filter = ("reason", "outcome")
    raw_id_fields = ("post", "reporter", "resolved_by")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "theme", "thread", "created_at")
    raw_id_fields = ("user", "thread")
