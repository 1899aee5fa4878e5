from django.contrib import admin

from zwk.consultation.models import Consultation, PublicComment


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["plan", "starts_on", "ends_on", "closed_at"]
    list_filter = ["closed_at"]
    search_fields = ["plan__municipality__name"]


@admin.register(PublicComment)
class PublicCommentAdmin(admin.ModelAdmin):
    list_display = ["pseudonym", "section", "section_title", "created_at", "reports"]
    list_filter = ["section", "consultation__plan__municipality"]
    search_fields = ["pseudonym", "body"]
