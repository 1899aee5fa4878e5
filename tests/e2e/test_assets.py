"""Stylesheet and scripts are found by the staticfiles finders and load without errors."""

import pytest
from django.contrib.staticfiles import finders
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_static_assets_are_found_by_the_finders():
    # src/zwk/static belongs to no app: without STATICFILES_DIRS neither the server nor
    # collectstatic find it, and every page loses its stylesheet, zwk.js and htmx.
    for path in ["zwk/css/zwk.css", "zwk/js/zwk.js", "zwk/vendor/htmx.min.js"]:
        assert finders.find(path), path


def test_css_and_scripts_load(page, base_url, demo):
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.goto(f"{base_url}/")
    failed = [f for f in failed if not f[1].endswith("/favicon.ico")]
    assert not failed, failed
    # The stylesheet is applied (header colour) and both scripts ran.
    header_bg = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_bg == "rgb(8, 59, 106)"
    assert page.evaluate("() => typeof window.htmx") == "object"
    expect(page.locator(".skip-link")).not_to_be_in_viewport()
