"""Uploads on a storage every server sees (issue 19, item 4): ``FILE_STORAGE`` may name a
storage without local paths (object storage). An import uploaded through one server is read
by a Celery worker that may run elsewhere – it must not need ``file.path``."""

import os

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils._os import safe_join

from tests.factories import MunicipalityFactory, UserFactory, membership
from zwk.municipalities.models import Membership
from zwk.profiles.models import ImportJob, PopulationStock

pytestmark = pytest.mark.django_db

GV = "destatis_gv_gemeinden_31122023_derived.csv"


class ObjectStorage(InMemoryStorage):
    """Files away from this machine's disk, like S3 or Azure: no ``path``."""

    def path(self, name):
        raise NotImplementedError("This backend doesn't support absolute paths.")

    def _relative_path(self, name):  # InMemoryStorage's own bookkeeping, without ``path``
        return os.path.relpath(safe_join(self.location, name), self.location)


@pytest.fixture
def storage_without_paths(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.ObjectStorage"},
    }
    with pytest.raises(NotImplementedError):
        default_storage.path("x")  # no file on this machine's disk


def test_an_import_reads_its_upload_from_a_storage_without_local_paths(
    storage_without_paths, shared_data, client_for, django_capture_on_commit_callbacks
):
    reilingen = MunicipalityFactory(ags="08226068", slug="reilingen", name="Reilingen")
    coordinator = UserFactory(username="koordination-reilingen")
    membership(coordinator, reilingen, Membership.Role.COORDINATOR)
    upload = SimpleUploadedFile(GV, (shared_data / GV).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("profiles:import", kwargs={"slug": reilingen.slug}), {"file": upload}
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert default_storage.exists(job.file.name)
    assert job.status == ImportJob.Status.DONE, job.message
    stock = PopulationStock.objects.get(region__code="08226068", sex="total")
    # The reference date still comes from the uploaded file's name (31.12.2023).
    assert (stock.year, stock.total) == (2023, 8320)
