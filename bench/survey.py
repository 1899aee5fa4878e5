"""Load benchmark of the Bürgerbefragung: N respondents answer a survey through the real server.

    python bench/survey.py --respondents 2000 [--within 600] [--think 1] [--format json]

Starts the same production-like server as ``bench/participation.py`` (gunicorn, DEBUG off,
PostgreSQL if ``DATABASE_URL`` is set, else a fresh SQLite file) and simulates N phones on
loopback, each with its own ``X-Real-IP`` (per-address limits apply per phone). Respondents
arrive evenly spread over ``--within`` seconds (default: the issue's rate, 2,000 in 10
minutes) and pause ``--think`` seconds between two pages. Each respondent:

1. opens the survey (start page, CSRF cookie),
2. agrees to the privacy notice (→ session with the questionnaire's idempotency key),
3. answers page 1 (age group, sex, Ortsteil), page 2 (scale, single choice, the conditional
   free text for every third, multiple choice), page 3 (ranking, number, free text),
4. sends the last page **twice** (a double click) – it must be stored once,
5. sees the thanks page.

Figures: latency percentiles over all requests, errors (unexpected status or exception), the
answers of every questionnaire the server confirmed (``answers_sent``) and the answers stored
in the database afterwards (``answers_stored``) – they must be equal. The bench Kommune's
project is deleted at the end. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from participation import (  # the sibling bench: server, phone, recorder
    ROOT,
    Phone,
    Recorder,
    _cpu_seconds,
    _environment,
    _free_port,
    _percentile,
    _setup_django,
    _start_server,
)


def _prepare() -> dict:
    """A Kommune with an open project and survey; returns what the phones need."""
    from django.utils import timezone

    from zwk.municipalities.models import Municipality
    from zwk.municipalities.services import municipality_create
    from zwk.participation import services
    from zwk.participation.models import Project, ProjectPhase, Question, Survey

    municipality = Municipality.objects.filter(slug="bench-survey").first()
    if municipality is None:
        municipality = municipality_create(
            by=None,
            name="Lasttest-Umfragegemeinde",
            slug="bench-survey",
            kind="gemeinde",
            land="09",
            ags="09999998",
            population=20000,
        )
    slug = f"bench-{secrets.token_hex(4)}"
    project = services.project_save(
        project=Project(municipality=municipality, title="Lasttest", slug=slug, published=True),
        by=None,
    )
    today = timezone.localdate()
    phase = services.phase_save(
        phase=ProjectPhase(
            project=project,
            title="Befragung",
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=1),
        ),
        by=None,
    )
    survey = services.survey_save(
        survey=Survey(project=project, phase=phase, title="Lasttest-Befragung"), by=None
    )
    K = Question.Kind

    def q(kind, text, page, position, **extra):
        return services.question_save(
            question=Question(
                survey=survey, kind=kind, text=text, page=page, position=position, **extra
            ),
            by=None,
        ).pk

    ids = {
        "age": q(K.AGE_GROUP, "Alter", 1, 1, required=True),
        "sex": q(K.SEX, "Geschlecht", 1, 2),
        "district": q(K.DISTRICT, "Ortsteil", 1, 3, options=["Nord", "Süd", "Mitte"]),
        "scale": q(K.SCALE, "Wie gern leben Sie hier?", 2, 1, required=True),
        "single": q(K.SINGLE, "Wegziehen?", 2, 2, options=["nein", "vielleicht", "ja"]),
        "multiple": q(K.MULTIPLE, "Was fehlt?", 2, 4, options=["Bus", "Arzt", "Treffpunkt"]),
        "ranking": q(K.RANKING, "Wichtigstes", 3, 1, options=["Wohnen", "Pflege", "Arbeit"]),
        "number": q(K.NUMBER, "Jahre hier", 3, 2, number_min=0, number_max=110),
        "text": q(K.TEXT, "Noch etwas?", 3, 3),
    }
    ids["why"] = services.question_save(
        question=Question(
            survey=survey,
            kind=K.TEXT,
            text="Warum?",
            page=2,
            position=3,
            condition_question_id=ids["single"],
            condition_value="ja",
        ),
        by=None,
    ).pk
    base = f"/beteiligung/{municipality.slug}/{slug}/umfrage/{survey.pk}/"
    return {"project": project.pk, "survey": survey.pk, "base": base, "ids": ids}


def _stored_answers(survey_pk: int) -> tuple[int, int]:
    from zwk.participation.models import Answer, Response

    return (
        Response.objects.filter(survey_id=survey_pk).count(),
        Answer.objects.filter(response__survey_id=survey_pk).count(),
    )


def _cleanup(project_pk: int) -> None:
    from zwk.participation.models import Project

    Project.objects.filter(pk=project_pk).delete()


class SurveyRecorder(Recorder):
    def __init__(self):
        super().__init__()
        self.answers_sent = 0
        self.questionnaires = 0

    def confirmed(self, answers: int) -> None:
        with self.lock:
            self.answers_sent += answers
            self.questionnaires += 1


def _respondent(index: int, port: int, setup: dict, rec: SurveyRecorder, start_at: float, think):
    wait = start_at - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    phone = Phone(port, index, rec, think)
    base, ids = setup["base"], setup["ids"]
    referer = {"Referer": f"http://127.0.0.1:{port}{base}"}
    if phone.request("GET", base, kind="start") is None:
        return
    csrf = phone.cookies.get("csrftoken", "")

    def post(path, data, kind, expect=(302,)):
        return phone.request(
            "POST",
            path,
            body={**data, "csrfmiddlewaretoken": csrf},
            headers=referer,
            expect=expect,
            kind=kind,
        )

    started = post(base, {"consent": "on"}, "consent")
    if started is None or started.status != 302:
        return
    groups = ["16-17", "18-24", "25-39", "40-64", "65-79", "80+"]
    leave = index % 3 == 0
    page1 = {
        f"q{ids['age']}": groups[index % len(groups)],
        f"q{ids['sex']}": "wmdx"[index % 4],
        f"q{ids['district']}": ["Nord", "Süd", "Mitte"][index % 3],
    }
    page2 = {
        f"q{ids['scale']}": str(1 + index % 5),
        f"q{ids['single']}": "2" if leave else "0",
        f"q{ids['multiple']}": str(index % 3),
    }
    if leave:
        page2[f"q{ids['why']}"] = f"Grund Nummer {index}"
    order = [(index + k) % 3 for k in range(3)]
    page3 = {f"q{ids['ranking']}_{option}": str(rank + 1) for rank, option in enumerate(order)}
    page3[f"q{ids['number']}"] = str(index % 80)
    page3[f"q{ids['text']}"] = f"Anmerkung {index}"
    answers = len(page1) + len(page2) + 3  # ranking, number, text
    for page, data in ((1, page1), (2, page2)):
        if post(f"{base}seite/{page}/", data, f"page{page}") is None:
            return
    last = f"{base}seite/3/"
    first = post(last, page3, "submit")
    if first is None or first.status != 302:
        return
    rec.confirmed(answers)
    # The double click: the same last page once more – thanks page, nothing stored twice.
    post(last, page3, "submit_again")
    phone.request("GET", f"{base}fertig/", kind="thanks")
    phone.connection.close()


def run(respondents, concurrency, workers, threads, within, think) -> dict:
    with tempfile.TemporaryDirectory(prefix="zwk-bench-") as tmp:
        env = _environment(Path(tmp))
        database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        _setup_django(env)
        setup = _prepare()
        port = _free_port()
        server = _start_server(env, port, workers, threads)
        recorder = SurveyRecorder()
        cpu_before = _cpu_seconds(server.pid)
        started = time.perf_counter()
        try:
            begin = time.monotonic()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                for index in range(respondents):
                    start_at = begin + within * index / respondents if within else 0.0
                    pool.submit(_respondent, index, port, setup, recorder, start_at, think)
        finally:
            duration = time.perf_counter() - started
            cpu_after = _cpu_seconds(server.pid)
            server.terminate()
            server.wait(timeout=30)
        responses, stored = _stored_answers(setup["survey"])
        _cleanup(setup["project"])
    ms = [s * 1000 for s in recorder.latencies]
    cpu = cpu_after - cpu_before if None not in (cpu_before, cpu_after) else None
    return {
        "respondents": respondents,
        "concurrency": concurrency,
        "arrivals_within_seconds": within,
        "think_seconds": think,
        "database": database,
        "server": f"gunicorn gthread {workers}×{threads}",
        "requests": len(ms),
        "seconds": round(duration, 2),
        "requests_per_second": round(len(ms) / duration, 1) if duration else 0,
        "p50_ms": round(_percentile(ms, 50), 1),
        "p95_ms": round(_percentile(ms, 95), 1),
        "p99_ms": round(_percentile(ms, 99), 1),
        "p95_ms_by_request": {
            kind: round(_percentile(values, 95), 1) for kind, values in recorder.by_kind.items()
        },
        "server_cpu_ms_per_request": round(cpu * 1000 / len(ms), 1) if cpu and ms else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "errors": len(recorder.errors),
        "error_samples": recorder.errors[:5],
        "questionnaires_confirmed": recorder.questionnaires,
        "questionnaires_stored": responses,
        "answers_sent": recorder.answers_sent,
        "answers_stored": stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument(
        "--within",
        type=float,
        default=None,
        help="respondents arrive evenly spread over this many seconds "
        "(default: 0.3 s per respondent = 2,000 in 10 minutes; 0: all at once)",
    )
    parser.add_argument("--think", type=float, default=1.0, help="seconds between two pages")
    parser.add_argument("--concurrency", type=int, default=300, help="phones at the same time")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args()
    within = args.within if args.within is not None else 0.3 * args.respondents
    result = run(args.respondents, args.concurrency, args.workers, args.threads, within, args.think)
    if args.format == "json":
        print(json.dumps(result))
        return
    print(
        f"{result['respondents']} respondents within {within:g} s, {result['database']}, "
        f"{result['server']}: {result['requests']} requests in {result['seconds']} s\n"
        f"latency p50 {result['p50_ms']} ms · p95 {result['p95_ms']} ms · "
        f"p99 {result['p99_ms']} ms (goal p95 < 150 ms)\n"
        f"errors {result['errors']} · questionnaires confirmed "
        f"{result['questionnaires_confirmed']} · stored {result['questionnaires_stored']} · "
        f"answers sent {result['answers_sent']} · stored {result['answers_stored']}"
    )
    print(
        "p95 by request: "
        + ", ".join(f"{k} {v} ms" for k, v in result["p95_ms_by_request"].items())
    )
    if result["error_samples"]:
        print("first errors:", *result["error_samples"], sep="\n  ")


if __name__ == "__main__":
    threading.stack_size(512 * 1024)
    main()
