from django.contrib import admin

from zwk.toolbox.models import Bookmark, Entry, EntryVersion, Material, Rating


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0
    fields = ["title", "original_name", "size", "uploaded_at"]
    readonly_fields = fields


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read-mostly: editing goes through the site (sanitising, versions, search index)."""

    list_display = ["title", "entry_type", "status", "municipality", "published_at"]
    list_filter = ["entry_type", "status", "evidence", "effort"]
    search_fields = ["title", "summary"]
    readonly_fields = [f.name for f in Entry._meta.fields]
    inlines = [MaterialInline]

    def has_add_permission(self, request):
        return False


@admin.register(EntryVersion)
class EntryVersionAdmin(admin.ModelAdmin):
    list_display = ["entry", "number", "status", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["entry__title"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["entry", "municipality", "stars", "helpful", "updated_at"]
    list_filter = ["stars", "helpful"]
    search_fields = ["entry__title", "municipality__name"]


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["entry", "municipality", "created_at"]
    search_fields = ["entry__title", "municipality__name"]
