"""The period form of the funder report (``/geschaeftsstelle/berichte/``)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from zwk.municipalities.forms import DateInput
from zwk.office import reports
from zwk.registration.selectors import round_choices

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


class ReportPeriodForm(forms.Form):
    vorlage = forms.ChoiceField(
        label=_("Vorlage"),
        required=False,
        help_text=_("Eine Vorlage ersetzt die Angaben „von“ und „bis“."),
    )
    von = forms.DateField(
        label=_("von"), required=False, widget=DateInput(), help_text=_("erster Tag (TT.MM.JJJJ)")
    )
    bis = forms.DateField(
        label=_("bis"), required=False, widget=DateInput(), help_text=_("letzter Tag (TT.MM.JJJJ)")
    )

    runde = forms.ChoiceField(
        label=_("Förderrunde"),
        required=False,
        help_text=_(
            "Zahlen zu Kommunen nur für diese Runde; Veranstaltungen und Newsletter gesamt."
        ),
    )

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["runde"].choices = [
            ("", _("alle Kommunen")),
            ("ohne", _("ohne Förderrunde (selbstständig)")),
            *round_choices(),
        ]
        groups: dict[str, list] = {}
        for key, label, period in reports.presets(today):
            groups.setdefault(str(period.start.year), []).append((key, label))
        self.fields["vorlage"].choices = [("", _("– eigener Zeitraum –")), *groups.items()]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if key := data.get("vorlage"):
            period = reports.preset_period(key, self.today)
            data["von"], data["bis"] = period.start, period.end
            return data
        start, end = data.get("von"), data.get("bis")
        if start is None:
            self.add_error("von", _("Bitte geben Sie den ersten Tag des Zeitraums an."))
        if end is None:
            self.add_error("bis", _("Bitte geben Sie den letzten Tag des Zeitraums an."))
        if start is None or end is None:
            return data
        for name, value in (("von", start), ("bis", end)):
            if not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Bitte wählen Sie ein Datum zwischen 2000 und 2100."))
        if self.errors:
            return data
        if start > end:
            self.add_error(
                "bis", _("Der letzte Tag liegt vor dem ersten Tag. Bitte tauschen Sie die Daten.")
            )
        elif end.year - start.year >= reports.MAX_YEARS:
            self.add_error(
                "bis",
                _("Der Zeitraum darf höchstens %(n)d Kalenderjahre umfassen.")
                % {"n": reports.MAX_YEARS},
            )
        return data

    @property
    def period(self) -> reports.Period:
        return reports.Period(self.cleaned_data["von"], self.cleaned_data["bis"])
