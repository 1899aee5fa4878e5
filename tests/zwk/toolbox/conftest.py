import pytest

from zwk.toolbox import services
from zwk.toolbox.models import Entry


@pytest.fixture
def make_entry(office_user):
    """Create an entry through the service (published unless told otherwise)."""

    def _make(title, summary="Kurzbeschreibung.", body="", status="published", **fields):
        data = {"entry_type": "method", "title": title, "summary": summary, "body": body}
        themes = fields.pop("themes", ())
        data.update(fields)
        return services.entry_create(by=office_user, data=data, themes=themes, status=status)

    return _make


@pytest.fixture
def clean_toolbox(db):
    """Search tests use only their own entries, not the 33 from the data migration."""
    Entry.objects.all().delete()
