"""HTTP caching of the API: ETag / conditional GET for public data, no-store for own data."""

from __future__ import annotations

import hashlib

from django.utils.cache import get_conditional_response, patch_vary_headers

from zwk.api.negotiation import ContentNegotiation

PUBLIC_MAX_AGE = 300


class PublicCacheMixin:
    """Public answers carry a strong ETag over the rendered body and may be cached for five
    minutes; a matching ``If-None-Match`` gets 304 without a body."""

    max_age = PUBLIC_MAX_AGE
    content_negotiation_class = ContentNegotiation

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept", "Authorization"])
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            response["Cache-Control"] = "no-cache"
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={self.max_age}"
        return get_conditional_response(request, etag=etag, response=response)


class PrivateCacheMixin:
    """A Kommune's own data must not be stored by proxies or browsers."""

    content_negotiation_class = ContentNegotiation

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        patch_vary_headers(response, ["Accept", "Authorization"])
        return response
