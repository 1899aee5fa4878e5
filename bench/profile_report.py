"""Time the PDF report of one Kommunalprofil (target: a 20-page report in under 5 s).

    python bench/profile_report.py [--slug musterstadt] [--runs 3]
Prints seconds per report and its number of pages (run `manage.py demo` first).
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
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from weasyprint import HTML

    from zwk.municipalities.models import Municipality
    from zwk.profiles import pages

    municipality = Municipality.objects.get(slug=args.slug)
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    best, n_pages = None, 0
    for _ in range(args.runs):
        start = time.perf_counter()
        ctx = pages.build(municipality)
        ctx["municipality"] = municipality
        html = render_to_string("profiles/report.html", ctx, request=request)
        document = HTML(string=html, base_url="http://testserver/").render()
        document.write_pdf()
        elapsed = time.perf_counter() - start
        n_pages = len(document.pages)
        best = elapsed if best is None else min(best, elapsed)
    print(
        f"PDF-Bericht {args.slug}: {n_pages} Seiten in {best:.2f} s (bester von {args.runs}); "
        f"{best / max(n_pages, 1) * 20:.2f} s hochgerechnet auf 20 Seiten (Ziel < 5 s)"
    )


if __name__ == "__main__":
    main()
