"""Token authentication: ``Authorization: Bearer zwk_…``.

A missing header means anonymous (public endpoints work without a token); a header with an
unknown, revoked or expired token is refused with 401 – never silently treated as anonymous.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from zwk.api.services import token_authenticate


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Ungültiger Authorization-Header."))
        try:
            plain = parts[1].decode("ascii")
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Ungültiges Token.")) from exc
        token = token_authenticate(plain)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Token unbekannt, abgelaufen oder widerrufen."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "zwk.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "API-Token aus /api/v1/tokens/ (zwk_…)",
        }
