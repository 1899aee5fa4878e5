"""View decorators of the accounts area."""

from __future__ import annotations

from functools import wraps

from django.utils.translation import gettext as _

from zwk.accounts.services import audit_record

EXPORT_ACTION = "data.export"


def audited_export(view):
    """Record every successful download of non-public data as a security event.

    Exports carry data out of the platform (attendance lists, accounting, drafts, the
    processing register), so the office can see in the audit log who took what and when.
    Refused requests raise before the view returns and are not recorded as exports.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            audit_record(
                actor=request.user,
                action=EXPORT_ACTION,
                message=_("Export heruntergeladen: %(path)s") % {"path": request.get_full_path()},
                request=request,
                security=True,
            )
        return response

    return wrapper
