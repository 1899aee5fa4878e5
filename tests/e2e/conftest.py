"""Browser tests: Playwright with the system Chromium, axe-core injected into every page.

One browser for the package, a fresh context (cookies, storage) per test. Pages are served by
pytest-django's ``live_server``; data comes from ``manage.py demo`` through the ORM.

axe-core is injected with ``add_script_tag(path=…)``, which inlines the script. The Content
Security Policy forbids inline scripts, so the axe contexts use ``bypass_csp=True``; the CSP itself
is checked in a context without the bypass (see ``test_security_headers.py``).
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.e2e import demo_snapshot

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 adds no A rule in axe-core 4.14 and one AA rule (target-size, 2.5.8). Not
# "best-practice": advisory rules beyond WCAG/BITV 2.0, which a conformance check must not mix in.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PASSWORD = "demo"
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Every test in this folder is a browser test, even if the marker is forgotten."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all browser tests, closed when the last test of this package is done.

    Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
    while it sees one. The tests only touch the ORM from that thread, between browser actions,
    so DJANGO_ALLOW_ASYNC_UNSAFE is set – but only while the browser is open: other tests of
    the same session (e.g. ``check --deploy`` in a subprocess) must not inherit it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    if not AXE_JS.exists():
        pytest.fail(f"axe-core missing at {AXE_JS} – run `npm ci` in the repository root")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser, *, bypass_csp: bool, **options):
    context = browser.new_context(locale="de-DE", bypass_csp=bypass_csp, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser):
    """A page in a fresh context; CSP bypassed so that axe can be injected inline."""
    context, page = _new_page(browser, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture
def new_page(browser):
    """Factory for extra pages: ``new_page(bypass_csp=False, viewport={...})``."""
    contexts = []

    def make(*, bypass_csp: bool = True, **options):
        context, page = _new_page(browser, bypass_csp=bypass_csp, **options)
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


def _restore_migration_data() -> None:
    """Transactional tests flush the database after each test, which also removes what data
    migrations created (preset themes, default checklists). Serialized rollback cannot restore
    them here: Playwright's sync API switches greenlets, so the test sees another connection
    object than the one Django serialized. Run the data migration again instead (idempotent)."""
    from django.apps import apps

    from zwk.municipalities.models import ChecklistTemplateItem

    if not ChecklistTemplateItem.objects.exists():
        presets = importlib.import_module("zwk.municipalities.migrations.0002_presets")
        presets.forwards(apps, None)


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    """Demo data in the live server's database; uploads go to a temporary folder.

    ``manage.py demo`` takes seconds (statistics import, toolbox index, workshops, plans); the
    first test of a process runs it and keeps a snapshot of the tables and uploads, the others
    restore that snapshot (see ``demo_snapshot.py``) – the same rows, a fraction of the time.

    The same rows also mean the same workshop versions: the per-process card list cache of
    the workshops (keyed by phase, version and creation time) would hand a test the cards
    another test wrote at that version, so it is emptied here."""
    from zwk.workshops.selectors import clear_card_cache

    clear_card_cache()
    settings.MEDIA_ROOT = tmp_path / "media"
    # The demo imports statistics from ZWK_SHARED_DATA: a test that points it elsewhere (e.g.
    # without the Länder table) gets a demo built from that folder, not the snapshot.
    source = os.environ.get("ZWK_SHARED_DATA", "")
    if demo_snapshot.restore(settings.MEDIA_ROOT, source=source):
        return
    _restore_migration_data()
    call_command("demo", stdout=io.StringIO())
    demo_snapshot.take(settings.MEDIA_ROOT, source=source)


@pytest.fixture
def base_url(live_server):
    return live_server.url


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.append(f"    {v['helpUrl']}")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    - {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            if summary:
                lines.append(f"      {summary}")
            lines.append(f"      {node['html'][:200]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page – once, no retries.

    The test must already stand on the page it means: after a click that navigates, wait
    for the new page (``follow()``, ``page.wait_for_url``, or ``expect`` on something only
    the new page has). A retry here used to paper over such races; now they fail loudly
    ("Execution context was destroyed") where the wait is missing."""
    page.wait_for_load_state()  # the current document's load event (scripts, styles)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


DUPLICATE_IDS = """() => {
  const seen = {};
  document.querySelectorAll("[id]").forEach((e) => { seen[e.id] = (seen[e.id] || 0) + 1; });
  return Object.entries(seen).filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n}×)`);
}"""


def assert_no_axe_violations(page) -> None:
    """Run axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the current page; fail with a readable list.

    Also checks for duplicate ids: WCAG 2.1 4.1.1 Parsing still applies under BITV 2.0, but
    axe-core 4.x no longer tests it, and aria-describedby may point at the wrong element."""
    violations = run_axe(page)
    assert not violations, (
        f"axe-core found {len(violations)} WCAG violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
    duplicates = page.evaluate(DUPLICATE_IDS)
    assert not duplicates, f"duplicate ids on {page.url} (WCAG 4.1.1): {', '.join(duplicates)}"


def follow(locator) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded.

    ``click()`` returns as soon as the click is dispatched; reading the page right after it
    (axe, ``page.url``, ``page.evaluate``) may still see the old page – or a page being torn
    down, on a busy machine. This waits for the navigation the click starts."""
    with locator.page.expect_navigation():
        locator.click()


def login(page, base_url: str, username: str, password: str = PASSWORD, *, check=True) -> None:
    page.goto(f"{base_url}/anmelden/")
    if check:
        assert_no_axe_violations(page)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    follow(page.get_by_role("main").locator("button[type=submit]"))  # any UI language


@pytest.fixture
def axe():
    """The axe check as a fixture, for tests that prefer fixtures to imports."""
    return assert_no_axe_violations
