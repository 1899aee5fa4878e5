"""Time the PDF report of the Kommunalprofil (target: a 20-page report in under 5 s).

    python bench/profile_report.py [--slug musterstadt] [--runs 3]
    python bench/profile_report.py --slug musterstadt,landkreis-musterland   # one PDF, 20+ pages

Renders the report as team members get it (with the Situationsanalyse section) and prints the
seconds and the number of pages. Several slugs are merged into one PDF – the office's bundle of
reports – so that a real document of at least 20 pages is timed, not an extrapolation.
Run `manage.py demo` first.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", default="musterstadt")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from weasyprint import HTML

    from zwk.municipalities.models import Municipality
    from zwk.profiles import hooks, pages

    municipalities = [Municipality.objects.get(slug=s) for s in args.slug.split(",")]
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    best, n_pages = None, 0
    for _ in range(args.runs):
        start = time.perf_counter()
        documents = []
        for municipality in municipalities:
            ctx = pages.build(municipality)
            ctx.update(
                municipality=municipality, inside=True, situation_hook=hooks.sections(municipality)
            )
            html = render_to_string("profiles/report.html", ctx, request=request)
            documents.append(HTML(string=html, base_url="http://testserver/").render())
        merged = documents[0].copy([page for d in documents for page in d.pages])
        pdf = merged.write_pdf()
        elapsed = time.perf_counter() - start
        n_pages = len(merged.pages)
        best = elapsed if best is None else min(best, elapsed)
    print(
        f"PDF-Bericht {args.slug}: {n_pages} Seiten, {len(pdf) / 1024:.0f} KiB, in {best:.2f} s "
        f"(bester von {args.runs}; Ziel: 20 Seiten unter 5 s)"
    )


if __name__ == "__main__":
    main()
