"""Views: forms with bad input, tenant isolation of object URLs, htmx partials."""

import pytest
from django.urls import reverse

from zwk.municipalities import services
from zwk.municipalities.models import ChecklistItem, KickoffActor, Municipality, StepDocument

pytestmark = pytest.mark.django_db


def _step_url(url_name, m, step="kickoff", **kw):
    return reverse(f"municipalities:{url_name}", kwargs={"slug": m.slug, "step": step, **kw})


VALID_CREATE = {
    "slug": "neudorf",
    "name": "Neudorf",
    "kind": "gemeinde",
    "land": "09",
    "ags": "09180998",
    "local_name": "",
    "population": "1234",
}


def test_office_creates_municipality(client_for, office_user):
    response = client_for(office_user).post(reverse("municipalities:create"), VALID_CREATE)
    assert response.status_code == 302
    m = Municipality.objects.get(slug="neudorf")
    assert m.steps.count() == 5 and response["Location"] == m.get_absolute_url()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ags": "0918099"}, "8-stelligen Gemeindeschlüssel"),
        ({"ags": "0918099A"}, "nur Ziffern"),
        ({"ags": "17180998"}, "kein Länderschlüssel"),
        ({"ags": "08180998"}, "gewählt ist aber Bayern"),
        ({"kind": "landkreis", "ags": "09180998"}, "5-stelligen Kreisschlüssel"),
        ({"kind": "quartier", "ags": "09162000", "local_name": ""}, "Namen des Quartiers"),
        ({"slug": "Neu Dorf"}, "Kurzname"),
    ],
)
def test_create_with_bad_input_explains_in_german_and_saves_nothing(
    client_for, office_user, changes, message
):
    response = client_for(office_user).post(
        reverse("municipalities:create"), {**VALID_CREATE, **changes}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html and message in html
    # The user's input stays in the form.
    assert 'value="Neudorf"' in html
    assert not Municipality.objects.filter(name="Neudorf").exists()


def test_ags_must_be_unique_except_for_quartiere(client_for, office_user, municipality):
    response = client_for(office_user).post(
        reverse("municipalities:create"), {**VALID_CREATE, "ags": municipality.ags}
    )
    assert response.status_code == 200
    assert not Municipality.objects.filter(slug="neudorf").exists()
    quartier = {**VALID_CREATE, "kind": "quartier", "ags": municipality.ags, "local_name": "Nord"}
    assert (
        client_for(office_user).post(reverse("municipalities:create"), quartier).status_code == 302
    )


def test_upload_of_forbidden_type_is_refused_with_message(
    client_for, member, municipality, pdf_upload
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile(
        "setup.exe", b"MZ" + b"\x00" * 100, content_type="application/octet-stream"
    )
    response = client_for(member).post(
        _step_url("document_upload", municipality),
        {"doc-title": "X", "doc-doc_type": "other", "doc-file": exe},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "nicht erlaubt" in html and 'value="X"' in html
    assert not StepDocument.objects.exists()


def test_oversized_upload_is_refused(client_for, member, municipality, pdf_upload, settings):
    settings.UPLOAD_MAX_BYTES = 100
    response = client_for(member).post(
        _step_url("document_upload", municipality),
        {"doc-doc_type": "other", "doc-file": pdf_upload()},
    )
    assert response.status_code == 400
    assert "höchstens 100" in response.content.decode()
    assert not StepDocument.objects.exists()


def test_document_download_is_an_attachment_with_nosniff(
    client_for, member, municipality, pdf_upload
):
    step = municipality.steps.get(kind="kickoff")
    doc = services.document_upload(
        step=step, upload=pdf_upload(), title="Protokoll", doc_type="minutes", by=member
    )
    response = client_for(member).get(_step_url("document_download", municipality, pk=doc.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="protokoll.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_object_ids_of_another_municipality_are_not_reachable(
    client_for, member, municipality, other_municipality, other_member, pdf_upload
):
    """IDOR: a member uses their own Kommune's URL with another Kommune's object ids."""
    other_step = other_municipality.steps.get(kind="kickoff")
    doc = services.document_upload(
        step=other_step, upload=pdf_upload(), title="Geheim", doc_type="minutes", by=other_member
    )
    item = other_step.checklist.first()
    actor = KickoffActor.objects.create(municipality=other_municipality, name="Fremd")
    client = client_for(member)
    assert client.get(_step_url("document_download", municipality, pk=doc.pk)).status_code == 404
    assert (
        client.post(
            _step_url("checklist_toggle", municipality, item=item.pk), {"done": "1"}
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "municipalities:kickoff_actor_remove",
                kwargs={"slug": municipality.slug, "pk": actor.pk},
            )
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert not item.done


def test_checklist_toggle_with_htmx_returns_the_updated_item(client_for, member, municipality):
    item = municipality.steps.get(kind="kickoff").checklist.first()
    response = client_for(member).post(
        _step_url("checklist_toggle", municipality, item=item.pk),
        {"done": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f'id="aufgabe-{item.pk}"' in html
        and 'aria-pressed="true"' in html
        and "ist erledigt" in html
    )
    assert "<html" not in html
    assert ChecklistItem.objects.get(pk=item.pk).done


def test_step_form_rejects_end_before_start(client_for, coordinator, municipality):
    response = client_for(coordinator).post(
        _step_url("step_edit", municipality),
        {
            "status-status": "in_progress",
            "status-start_date": "2026-05-01",
            "status-due_date": "2026-04-01",
        },
    )
    assert response.status_code == 400
    assert "vor dem Beginn" in response.content.decode()
    step = municipality.steps.get(kind="kickoff")
    assert step.status == "open" and step.start_date is None


def test_step_page_guides_with_purpose_results_and_templates(client_for, member, municipality):
    html = (
        client_for(member)
        .get(_step_url("step", municipality, step="zukunftswerkstatt"))
        .content.decode()
    )
    assert "Robert Jungk" in html and "Wer sollte mitmachen?" in html
    assert "Einladung zur Zukunftswerkstatt" in html
    text = client_for(member).get(
        _step_url("template_download", municipality, step="zukunftswerkstatt", name="einladung")
    )
    assert text["Content-Disposition"].startswith("attachment")
    # a DOCX filled with the Kommune (more in test_step_documents.py)
    assert text["Content-Disposition"].endswith('.docx"')
    import io

    from docx import Document

    heading = Document(io.BytesIO(text.content)).paragraphs[0].text
    assert municipality.name.upper() in heading


def test_unknown_step_is_404(client_for, member, municipality):
    assert (
        client_for(member).get(_step_url("step", municipality, step="gibt-es-nicht")).status_code
        == 404
    )


def test_workspace_shows_current_step_team_and_activity(
    client_for, coordinator, member, municipality
):
    item = municipality.steps.get(kind="kickoff").checklist.first()
    services.checklist_item_set_done(item=item, done=True, by=member)
    html = client_for(member).get(municipality.get_absolute_url()).content.decode()
    assert (
        "Was als Nächstes ansteht" in html
        and "Aktueller Schritt: <strong>Kick-off</strong>" in html
    )
    assert str(coordinator) in html and f"Erledigt: {item.text}" in html


def test_kickoff_actor_and_agreement(client_for, member, municipality):
    client = client_for(member)
    url = reverse("municipalities:kickoff_actor_add", kwargs={"slug": municipality.slug})
    assert client.post(url, {"actor-name": ""}).status_code == 400
    assert (
        client.post(
            url,
            {"actor-name": "Landfrauen", "actor-organisation": "Verein", "actor-is_leadership": ""},
        ).status_code
        == 302
    )
    url = reverse("municipalities:kickoff_agreement", kwargs={"slug": municipality.slug})
    assert (
        client.post(
            url,
            {"agreement-goals": "Junge Familien halten", "agreement-kickoff_date": "2026-02-30"},
        ).status_code
        == 400
    )
    assert (
        client.post(
            url,
            {"agreement-goals": "Junge Familien halten", "agreement-kickoff_date": "2026-02-27"},
        ).status_code
        == 302
    )
    html = client.get(_step_url("step", municipality)).content.decode()
    assert "Landfrauen" in html and "Junge Familien halten" in html


def test_member_removal_needs_confirmation(client_for, coordinator, member, municipality):
    from zwk.municipalities.models import Membership

    membership = Membership.objects.get(user=member, municipality=municipality)
    url = reverse(
        "municipalities:membership_remove", kwargs={"slug": municipality.slug, "pk": membership.pk}
    )
    client = client_for(coordinator)
    assert "wirklich" in client.get(url).content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_logo_upload_is_reencoded_and_fake_images_are_refused(
    client_for, coordinator, municipality
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.zwk.municipalities.matrix import PNG_1PX

    url = reverse("municipalities:edit", kwargs={"slug": municipality.slug})
    data = {
        "name": municipality.name,
        "kind": municipality.kind,
        "land": municipality.land,
        "ags": municipality.ags,
    }
    client = client_for(coordinator)
    fake = SimpleUploadedFile("wappen.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(url, {**data, "logo_upload": fake})
    assert response.status_code == 200
    assert "Bild" in response.content.decode()
    municipality.refresh_from_db()
    assert not municipality.logo
    real = SimpleUploadedFile("wappen.png", PNG_1PX, content_type="image/png")
    assert client.post(url, {**data, "logo_upload": real}).status_code == 302
    municipality.refresh_from_db()
    assert municipality.logo.name.endswith(".png") and "wappen" not in municipality.logo.name
    logo = client_for(None).get(reverse("municipalities:logo", kwargs={"slug": municipality.slug}))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
