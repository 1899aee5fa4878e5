from django.contrib import admin

from zwk.decisions.models import CheckVersion, DemographyCheck


class VersionInline(admin.TabularInline):
    model = CheckVersion
    fields = ("number", "title", "area_name", "horizon", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(DemographyCheck)
class DemographyCheckAdmin(admin.ModelAdmin):
    list_display = ("__str__", "municipality", "is_public", "updated_at")
    list_filter = ("is_public",)
    search_fields = ("versions__title", "municipality__name")
    inlines = [VersionInline]
