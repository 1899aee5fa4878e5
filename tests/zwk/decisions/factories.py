"""Builders for Demografie-Check tests (through the services)."""

from zwk.decisions import services

ANSWERS = {
    "answer_generations": "Nutzt heute Älteren, später auch Jüngeren als Treffpunkt.",
    "answer_accessibility": "Ebenerdig, mit Hublift und breiten Türen.",
    "answer_reuse": "Räume lassen sich als Kita oder Büro nutzen.",
    "answer_integration": "Offener Mittagstisch für alle Generationen.",
}


def check_data(**data):
    return {
        "title": "Tagespflege in der Altstadt",
        "description": "20 Plätze in der alten Schule.",
        "area_code": "",
        "target_groups": ["senioren", "hochbetagte", "pflege"],
        "horizon": 10,
        "lifetime": 30,
        "capacity": 20,
        "capacity_unit": "Plätze",
        **ANSWERS,
        **data,
    }


def make_check(municipality, by, **data):
    return services.check_create(municipality=municipality, by=by, data=check_data(**data))
