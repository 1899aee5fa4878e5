"""Status flow, budgets and day logs of the Beratungspool (services)."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.zwk.consulting.factories import accepted_request, make_request, set_budget
from zwk.accounts.models import AuditEntry
from zwk.consulting import selectors, services
from zwk.consulting.models import ConsultingRequest, DayLog, Proposal

S = ConsultingRequest.Status
TODAY = date.today()


@pytest.fixture
def flow(municipality, coordinator, office_user, consultant):
    return municipality, coordinator, office_user, consultant


# --- status flow ------------------------------------------------------------------------------


def test_proposal_then_acceptance_mails_and_audits(flow, django_capture_on_commit_callbacks):
    m, coord, office, cons = flow
    with django_capture_on_commit_callbacks(execute=True):
        r = make_request(m, coord)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_propose(consulting_request=r, consultant=cons, by=office, note="Bitte")
    assert [msg.to for msg in mail.outbox] == [[cons.email]]
    assert "Jugendbeteiligung vorbereiten" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(consulting_request=r, by=cons)
    r.refresh_from_db()
    assert r.status == S.ACCEPTED and r.consultant == cons
    assert sorted(mail.outbox[1].to) == sorted([office.email, coord.email])
    assert "angenommen" in mail.outbox[1].subject
    actions = set(AuditEntry.objects.filter(municipality=m).values_list("action", flat=True))
    assert {"consulting.request_created", "consulting.proposed", "consulting.accepted"} <= actions


def test_decline_needs_a_reason_and_goes_back_to_the_office(
    flow, django_capture_on_commit_callbacks
):
    m, coord, office, cons = flow
    r = make_request(m, coord)
    services.request_propose(consulting_request=r, consultant=cons, by=office)
    with pytest.raises(ValidationError):
        services.request_decline(consulting_request=r, by=cons, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decline(consulting_request=r, by=cons, reason="Keine Zeit im Juni")
    r.refresh_from_db()
    assert r.status == S.DECLINED and r.consultant is None
    assert mail.outbox[0].to == [office.email]
    assert "Keine Zeit im Juni" in mail.outbox[0].body
    proposal = Proposal.objects.get(request=r)
    assert proposal.decision == Proposal.Decision.DECLINED
    # The office can propose again – someone else or the same person.
    services.request_propose(consulting_request=r, consultant=cons, by=office)
    r.refresh_from_db()
    assert r.status == S.PROPOSED


def test_only_the_proposed_consultant_decides(flow, unassigned_consultant):
    m, coord, office, cons = flow
    r = make_request(m, coord)
    services.request_propose(consulting_request=r, consultant=cons, by=office)
    with pytest.raises(ValidationError):
        services.request_accept(consulting_request=r, by=unassigned_consultant)
    r.refresh_from_db()
    assert r.status == S.PROPOSED


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("open", "accept"),
        ("open", "complete"),
        ("accepted", "propose"),
        ("accepted", "withdraw"),
        ("completed", "propose"),
        ("completed", "complete"),
        ("withdrawn", "propose"),
        ("declined", "accept"),
    ],
)
def test_invalid_transitions_are_refused(flow, start, action):
    m, coord, office, cons = flow
    r = make_request(m, coord)
    ConsultingRequest.objects.filter(pk=r.pk).update(status=start, consultant=cons)
    r.refresh_from_db()
    calls = {
        "accept": lambda: services.request_accept(consulting_request=r, by=cons),
        "complete": lambda: services.request_complete(consulting_request=r, by=office),
        "propose": lambda: services.request_propose(
            consulting_request=r, consultant=cons, by=office
        ),
        "withdraw": lambda: services.request_withdraw(consulting_request=r, by=coord),
    }
    with pytest.raises(ValidationError):
        calls[action]()
    r.refresh_from_db()
    assert r.status == start


def test_reproposing_withdraws_the_pending_proposal(flow, unassigned_consultant):
    m, coord, office, cons = flow
    r = make_request(m, coord)
    services.request_propose(consulting_request=r, consultant=cons, by=office)
    services.request_propose(consulting_request=r, consultant=unassigned_consultant, by=office)
    decisions = dict(Proposal.objects.filter(request=r).values_list("consultant", "decision"))
    assert decisions == {cons.pk: "withdrawn", unassigned_consultant.pk: "pending"}
    with pytest.raises(ValidationError):
        services.request_accept(consulting_request=r, by=cons)


def test_a_non_consultant_cannot_be_proposed(flow, member):
    m, coord, office, _cons = flow
    r = make_request(m, coord)
    with pytest.raises(ValidationError):
        services.request_propose(consulting_request=r, consultant=member, by=office)


# --- budgets and day logs ---------------------------------------------------------------------


def log(r, by, days, worked_on=TODAY, activity="Werkstatt moderiert"):
    return services.day_log_add(
        consulting_request=r, by=by, worked_on=worked_on, days=D(days), activity=activity
    )


def test_logging_up_to_the_budget_and_not_beyond(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "2")
    log(r, cons, "1.5")
    log(r, cons, "0.5")  # exactly the budget: allowed
    with pytest.raises(ValidationError, match="nur noch 0 Tage übrig"):
        log(r, cons, "0.5")
    row = selectors.budget_of(m)
    assert (row.budget, row.used, row.left) == (D("2"), D("2"), D("0"))


def test_overrun_only_when_the_office_allows_it(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "1", allow_overrun=True)
    entry = log(r, cons, "1.5")
    assert entry.over_budget is True
    row = selectors.budget_of(m)
    assert row.left == D("-0.5") and row.usage.assessment == "over"


@pytest.mark.parametrize("days", ["0", "-1", "0.3", "1.25", "10.5"])
def test_invalid_day_amounts_are_refused(flow, days):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "20")
    with pytest.raises(ValidationError):
        log(r, cons, days)
    assert not DayLog.objects.exists()


def test_logs_count_against_the_year_they_were_worked(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    last_year = TODAY.year - 1
    set_budget(m, office, "1", year=last_year)
    set_budget(m, office, "3")
    log(r, cons, "1", worked_on=date(last_year, 12, 31))
    log(r, cons, "1", worked_on=date(TODAY.year, 1, 1))
    with pytest.raises(ValidationError, match=str(last_year)):
        log(r, cons, "0.5", worked_on=date(last_year, 12, 30))
    rows = {row.year: row for row in (selectors.budget_of(m, last_year), selectors.budget_of(m))}
    assert rows[last_year].left == D("0") and rows[TODAY.year].left == D("2")


def test_no_budget_no_future_dates_no_logs_on_unaccepted_requests(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    with pytest.raises(ValidationError, match="kein Beratungsbudget"):
        log(r, cons, "1")
    set_budget(m, office, "5")
    with pytest.raises(ValidationError, match="Zukunft"):
        log(r, cons, "1", worked_on=TODAY + timedelta(days=1))
    other = make_request(m, coord, topic="Offen")
    with pytest.raises(ValidationError, match="angenommene"):
        log(other, office, "1")
    services.request_complete(consulting_request=r, by=cons)
    r.refresh_from_db()
    with pytest.raises(ValidationError):
        log(r, cons, "1")


def test_budget_change_is_audited_and_must_be_half_days(flow):
    m, _coord, office, _cons = flow
    set_budget(m, office, "10")
    set_budget(m, office, "12.5")
    with pytest.raises(ValidationError):
        set_budget(m, office, "3.2")
    messages = list(
        AuditEntry.objects.filter(action="consulting.budget_set").values_list("message", flat=True)
    )
    assert any("10 → 12,5 Tage" in msg for msg in messages)


def test_budget_summary_runs_in_one_query(flow, other_municipality, django_assert_num_queries):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "8")
    log(r, cons, "2.5")
    log(r, cons, "1")
    with django_assert_num_queries(1):
        rows = selectors.budget_summary([m, other_municipality])
    by_slug = {row.municipality.slug: row for row in rows}
    assert (by_slug[m.slug].budget, by_slug[m.slug].used, by_slug[m.slug].left) == (
        D("8"),
        D("3.5"),
        D("4.5"),
    )
    assert by_slug[other_municipality.slug].budget is None
    assert by_slug[other_municipality.slug].used == D("0")


def test_deleting_a_log_frees_the_days(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "1")
    entry = log(r, cons, "1")
    services.day_log_delete(log=entry, by=cons)
    assert selectors.budget_of(m).left == D("1")
    assert AuditEntry.objects.filter(action="consulting.days_deleted").exists()


# --- suggestions from the database ------------------------------------------------------------


def test_suggestions_use_profiles_assignments_and_load(flow, unassigned_consultant, db):
    from tests.zwk.consulting.factories import make_profile
    from zwk.municipalities.models import Theme

    m, coord, office, cons = flow
    theme = Theme.objects.filter(municipality__isnull=True).first()
    make_profile(cons, regions=[m.land])  # region +15, knows the Kommune +15
    make_profile(unassigned_consultant, themes=[theme], methods=["moderation"])  # +30, +15
    r = make_request(m, coord, theme=theme, methods=["moderation"])
    first, second = selectors.suggestions(r)
    assert (first.candidate.id, second.candidate.id) == (unassigned_consultant.pk, cons.pk)
    assert first.score - second.score == 15
    assert "berät die Kommune bereits" in [x.text for x in second.reasons]
    # Three running requests cost the first its idle bonus and 15 points: now second.
    for i in range(3):
        other = make_request(m, coord, topic=f"Andere {i}")
        services.request_propose(
            consulting_request=other, consultant=unassigned_consultant, by=office
        )
    first, second = selectors.suggestions(r)
    assert first.candidate.id == cons.pk
    assert "betreut derzeit 3 laufende Anfrage(n)" in [x.text for x in second.reasons]


# --- one rule for "may do X now": pages and services ask rules.py -----------------------------


def test_only_the_consultant_or_the_office_closes_a_consultation(flow):
    """The service asks the same rule as the page: a coordinator sees no "abschließen" and
    cannot close the consultation by calling the service either."""
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    assert not coord.has_perm("consulting.complete_request", r)
    with pytest.raises(PermissionDenied):
        services.request_complete(consulting_request=r, by=coord)
    r.refresh_from_db()
    assert r.status == S.ACCEPTED
    assert cons.has_perm("consulting.complete_request", r)
    services.request_complete(consulting_request=r, by=cons)
    r.refresh_from_db()
    assert r.status == S.COMPLETED
    # Now the status says no – to the page and to the service, with the same sentence.
    assert not office.has_perm("consulting.complete_request", r)
    with pytest.raises(ValidationError, match="kann nicht „abgeschlossen“ werden"):
        services.request_complete(consulting_request=r, by=office)


def test_bookings_of_a_finished_consultation_are_corrected_by_the_office_only(flow):
    m, coord, office, cons = flow
    r = accepted_request(m, coord, office, cons)
    set_budget(m, office, "5")
    entry = log(r, cons, "1")
    services.request_complete(consulting_request=r, by=cons)
    r.refresh_from_db()
    assert not cons.has_perm("consulting.delete_day_log", r)
    with pytest.raises(ValidationError, match="Korrekturen nimmt die Geschäftsstelle vor"):
        services.day_log_delete(log=entry, by=cons)
    assert DayLog.objects.filter(pk=entry.pk).exists()
    assert office.has_perm("consulting.delete_day_log", r)
    services.day_log_delete(log=entry, by=office)
    assert not DayLog.objects.filter(pk=entry.pk).exists()


def test_a_superuser_gets_no_shortcut_past_the_status(flow):
    """``is_superuser`` grants every Django permission – but not "book days on a finished
    consultation": the request page offers no booking and the service refuses."""
    m, coord, office, cons = flow
    office.is_superuser = True
    office.save(update_fields=["is_superuser"])
    r = accepted_request(m, coord, office, cons)
    services.request_complete(consulting_request=r, by=cons)
    r.refresh_from_db()
    assert not office.has_perm("consulting.log_days", r)
    assert office.has_perm("consulting.view_request", r)  # role permissions as before
    with pytest.raises(ValidationError, match="angenommene"):
        log(r, office, "1")
