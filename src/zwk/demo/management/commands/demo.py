"""``manage.py demo`` – fictional but realistic demo data, idempotent.

A second run changes nothing that exists already (it only fills in what is missing), so it is
fast and safe to call from ``make demo`` every time.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from zwk.accounts.models import User
from zwk.demo import content
from zwk.demo.extensions import builders
from zwk.municipalities import services
from zwk.municipalities.models import Membership, Municipality, ProcessStep, Theme
from zwk.municipalities.process import STEPS

PASSWORD = "demo"


def _user(username: str, *, email: str | None = None, **fields) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": email or f"{username}@zwk.example", "is_demo": True, **fields},
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return user, created


class Command(BaseCommand):
    help = "Legt Demodaten an (idempotent). Passwort aller Demokonten: demo"

    @transaction.atomic
    def handle(self, *args, **options):
        office, _ = _user(
            content.OFFICE["username"],
            is_office=True,
            is_staff=True,
            is_superuser=True,
            **{k: v for k, v in content.OFFICE.items() if k != "username"},
        )
        consultants = {}
        for data in content.CONSULTANTS:
            consultants[data["username"]], _ = _user(
                data["username"],
                is_consultant=True,
                **{k: v for k, v in data.items() if k != "username"},
            )
        created_count = 0
        for spec in content.MUNICIPALITIES:
            if Municipality.objects.filter(slug=spec["slug"]).exists():
                continue
            self._create_municipality(spec, office, consultants)
            created_count += 1
        municipalities = {m.slug: m for m in Municipality.objects.filter(is_demo=True)}
        users = {u.username: u for u in User.objects.filter(is_demo=True)}
        for build in builders():
            build(municipalities=municipalities, users=users, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodaten bereit: {Municipality.objects.filter(is_demo=True).count()} Kommunen "
                f"({created_count} neu). Anmeldung z. B. mit geschaeftsstelle / demo."
            )
        )

    def _create_municipality(self, spec, office, consultants):
        name, email, phone = spec["contact"]
        municipality = services.municipality_create(
            by=office,
            themes=Theme.objects.filter(slug__in=spec["themes"], municipality__isnull=True),
            slug=spec["slug"],
            name=spec["name"],
            kind=spec["kind"],
            land=spec["land"],
            ags=spec["ags"],
            local_name=spec.get("local_name", ""),
            population=spec["population"],
            population_date=timezone.datetime(2024, 12, 31).date(),
            description=spec["description"],
            contact_name=name,
            contact_email=email,
            contact_phone=phone,
            programme_start=content.PROGRAMME_START,
            programme_end=content.PROGRAMME_END,
            is_demo=True,
        )
        first, last, function = spec["coordinator"]
        coordinator, _ = _user(
            f"koordination-{spec['slug']}",
            first_name=first,
            last_name=last,
            organisation=spec["name"],
        )
        Membership.objects.get_or_create(
            user=coordinator,
            municipality=municipality,
            defaults={"role": Membership.Role.COORDINATOR, "function": function},
        )
        first, last, function = spec["member"]
        member, _ = _user(
            f"team-{spec['slug']}", first_name=first, last_name=last, organisation=spec["name"]
        )
        Membership.objects.get_or_create(
            user=member,
            municipality=municipality,
            defaults={"role": Membership.Role.MEMBER, "function": function},
        )
        if spec["consultant"]:
            services.consultant_assign(
                municipality=municipality, consultant=consultants[spec["consultant"]], by=office
            )
        self._progress(municipality, spec, coordinator)

    def _progress(self, municipality, spec, coordinator):
        today = timezone.localdate()
        start = today - timedelta(days=90 * spec["done"] + 30)
        for index, step_type in enumerate(STEPS):
            step = municipality.steps.get(kind=step_type.kind)
            items = list(step.checklist.all())
            if index < spec["done"]:
                step.status = ProcessStep.Status.DONE
                step.start_date = start + timedelta(days=90 * index)
                step.due_date = step.start_date + timedelta(days=80)
                step.completed_on = step.start_date + timedelta(days=75)
                done_items = items
            elif index == spec["done"] and spec["current"] == "in_progress":
                step.status = ProcessStep.Status.IN_PROGRESS
                step.start_date = start + timedelta(days=90 * index)
                step.due_date = step.start_date + timedelta(days=100)
                done_items = items[: len(items) // 2]
            else:
                done_items = []
            step.responsible = coordinator
            step.save()
            for item in done_items:
                item.done, item.done_by, item.done_at = True, coordinator, timezone.now()
                item.save(update_fields=["done", "done_by", "done_at"])
        if spec["done"] >= 1 or spec["current"] == "in_progress":
            services.kickoff_update(
                municipality=municipality,
                by=coordinator,
                data={**content.KICKOFF, "kickoff_date": start + timedelta(days=20)},
            )
            for actor in content.KICKOFF_ACTORS:
                services.kickoff_actor_add(municipality=municipality, by=coordinator, data=actor)
