from django.test import Client


def test_a_foreign_host_header_gets_the_german_400_page_not_a_500(db):
    # DisallowedHost is raised before the authentication middleware ran; the error page
    # (with its navigation) must still render.
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Anfrage" in response.content.decode()
