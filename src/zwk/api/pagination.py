"""Pagination of every list: ``?limit=`` (1–200, default 50) and ``?offset=``."""

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200
