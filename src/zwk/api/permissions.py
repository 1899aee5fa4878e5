"""Permission classes of the authenticated API: a valid token with the view's scope."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from zwk.api.models import ApiToken


class HasTokenScope(BasePermission):
    """Only token holders; the view's ``required_scope`` must be among the token's scopes."""

    message = _("Dieses Token hat nicht die nötige Berechtigung.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        scope = getattr(view, "required_scope", None)
        return scope is None or token.has_scope(scope)
