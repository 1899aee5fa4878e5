"""The shapes that views share: object lookup, form pages, confirmation pages, access.

- ``municipality_object``: the object with this id – 404 when it belongs to another Kommune.
- ``form_view``: a form page; a valid POST saves, shows a message and redirects.
- ``confirm_page``: the confirmation page before a destructive action.
- ``confirm_view``: GET that page; POST run the action, show a message and redirect – or
  show the page again with the reason (400) when the service refuses.
- ``add_form_errors``: a service's ValidationError on the form.
- ``require_office``: 403 unless the user holds an office permission.

A view stays: access check, object, form, these helpers; the wording stays in the view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render


def require_office(request, perm: str = "accounts.view_office_area") -> None:
    """403 unless the user holds ``perm`` – the office's pages (overview, texts, messages)."""
    if not request.user.has_perm(perm):
        raise PermissionDenied


def municipality_object(model: type[Model], municipality, pk, *, path: str):
    """``model``'s object ``pk`` whose ``path`` (e.g. ``"measure__plan__municipality"``) is
    ``municipality``, with that path loaded; 404 for another Kommune's id (no existence leak)."""
    return get_object_or_404(model.objects.select_related(path), pk=pk, **{path: municipality})


def add_form_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: at the field it names, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _resolve(value, saved):
    return value(saved) if callable(value) else value


def form_view(
    request,
    form,
    *,
    save: Callable[[dict], Any],
    message: str | Callable[[Any], str],
    done: str | Callable[[Any], str],
    page: Callable[..., HttpResponse],
) -> HttpResponse:
    """A valid POST runs ``save(form.cleaned_data)``: its ValidationError lands on the form;
    success shows ``message`` and redirects to ``done`` (both may be functions of what
    ``save`` returned). Otherwise ``page(status=…)`` renders the form – 400 after a POST."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _resolve(message, saved))
            return redirect(_resolve(done, saved))
    return page(status=400 if request.method == "POST" else 200)


def confirm_page(
    request,
    municipality=None,
    *,
    title,
    question,
    confirm_label,
    cancel_url,
    error=None,
    form=None,
    template: str = "core/confirm.html",
    **extra,
) -> HttpResponse:
    """The confirmation page before a destructive action – 400 when the action failed or its
    ``form`` (e.g. a reason) is invalid; ``municipality`` for the pages of a Kommune (its
    navigation); an app's own ``template`` (extending the same blocks) gets ``extra``."""
    context = {
        "municipality": municipality,
        "title": title,
        "question": question,
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "error": error,
        "form": form,
        **extra,
    }
    status = 400 if error or (form is not None and form.errors) else 200
    return render(request, template, context, status=status)


def confirm_view(
    request,
    municipality=None,
    *,
    title,
    question,
    confirm_label,
    cancel_url,
    action: Callable[[], Any],
    message: str,
    done: str,
) -> HttpResponse:
    """GET: the confirmation page. POST: ``action()``, ``message`` and a redirect to ``done`` –
    or, when the action raises a ValidationError, the page again with its reason (400)."""
    error = None
    if request.method == "POST":
        try:
            action()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, message)
            return redirect(done)
    return confirm_page(
        request,
        municipality,
        title=title,
        question=question,
        confirm_label=confirm_label,
        cancel_url=cancel_url,
        error=error,
    )
