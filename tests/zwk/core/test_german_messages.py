from django import forms
from django.utils import translation


def test_django_form_messages_stay_formal_german_despite_third_party_catalogues():
    # django-rest-framework ships informal German for some of Django's own messages
    # ("Gib eine gültige URL ein."); src/zwk/locale/de restores Django's wording.
    class F(forms.Form):
        url = forms.URLField()
        email = forms.EmailField()

    with translation.override("de"):
        form = F({"url": "kein link", "email": "kaputt"})
        form.is_valid()
        assert form.errors["url"] == ["Bitte eine gültige Adresse eingeben."]
        assert form.errors["email"] == ["Bitte gültige E-Mail-Adresse eingeben."]
