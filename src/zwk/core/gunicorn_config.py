"""gunicorn settings of the web server: ``gunicorn -c python:zwk.core.gunicorn_config …``.

``deploy/systemd/zwk-web.service`` and the load benchmarks (``bench/participation.py``,
``bench/survey.py``, ``bench/office_map.py``) start gunicorn with this file, so that what is
measured is what runs.

Garbage collection: a gthread worker serves several requests at once under one interpreter
lock, and a full collection stops all of them while it walks every object of the process –
the whole of Django, the URLconf, the loaded Demografietypen. Measured with 11,000 Kommunen
and 20 office users at once (``bench/office_map.py --users 20``), such pauses of about
250 ms held up a dozen requests at a time and made the map's p95 340 ms instead of about
120 ms. The objects loaded before the first request live as long as the worker, so they are
moved out of the collector's reach once (:func:`gc.freeze`, meant for exactly this in
long-running and pre-forking servers); cycles created by requests are still collected.
"""

from __future__ import annotations

import gc


def post_worker_init(worker) -> None:
    """After the worker has loaded the application: load the URLconf and its reverse
    lookup (both lazy otherwise), collect once and freeze what is left."""
    from django.urls import reverse

    reverse("healthz")
    gc.collect()
    gc.freeze()
