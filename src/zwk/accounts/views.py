"""Login, logout, password and own account. Thin: Django's auth views do the work."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zwk.accounts import two_factor
from zwk.accounts.forms import LoginForm, ProfileForm
from zwk.accounts.services import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if two_factor.has_two_factor(user):
            # Password right – but no session until the second factor (security_views).
            two_factor.begin_login(self.request, user, self.get_redirect_url())
            return redirect("accounts:login_verify")
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=self.request.user,
            action="auth.password_changed",
            message=_("Passwort geändert"),
            request=self.request,
            security=True,
        )
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = gettext_lazy("Neues Passwort festlegen")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action="auth.password_reset",
            message=_("Passwort über E-Mail-Link zurückgesetzt"),
            request=self.request,
            security=True,
        )
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit_record(
                actor=request.user,
                action="account.updated",
                message=_("Eigenes Konto bearbeitet"),
                request=request,
            )
        messages.success(request, _("Ihre Angaben wurden gespeichert."))
        return redirect("accounts:account")
    memberships = request.user.memberships.select_related("municipality").order_by(
        "municipality__name"
    )
    assignments = request.user.consultant_assignments.filter(active=True).select_related(
        "municipality"
    )
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "memberships": memberships,
            "assignments": assignments,
            "two_factor_enabled": two_factor.has_two_factor(request.user),
        },
    )
