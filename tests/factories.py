"""factory_boy factories for the ZWK apps."""

import factory
from django.utils import timezone

from zwk.accounts.models import User
from zwk.municipalities import services
from zwk.municipalities.models import ConsultantAssignment, Membership, Municipality

PASSWORD = "Sicheres-Passwort-2026"

# The smallest PDF that file-type sniffing and PDF readers accept.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = "Erika"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """Goes through the service so that steps and checklists exist as in production."""

    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    slug = factory.Sequence(lambda n: f"gemeinde-{n}")
    kind = Municipality.Kind.GEMEINDE
    land = "09"
    ags = factory.Sequence(lambda n: f"09{n:06d}")
    population = 5000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.municipality_create(by=None, **kwargs)


def membership(user, municipality, role=Membership.Role.MEMBER):
    return Membership.objects.create(user=user, municipality=municipality, role=role)


def assign(consultant, municipality):
    consultant.is_consultant = True
    consultant.save(update_fields=["is_consultant"])
    return ConsultantAssignment.objects.create(
        consultant=consultant, municipality=municipality, active=True
    )


def now():
    return timezone.now()
