"""Content negotiation: an unknown ``?format=`` is 406 Not Acceptable (DRF's default is 404,
which would wrongly say the resource does not exist)."""

from django.http import Http404
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404 as exc:
            raise NotAcceptable(available_renderers=renderers) from exc
