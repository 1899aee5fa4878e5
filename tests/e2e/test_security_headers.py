"""The Content-Security-Policy is sent and a normal journey runs without CSP violations.

These pages run without ``bypass_csp`` (unlike the axe checks), so anything inline that the
policy blocks – a style attribute, an inline script, an htmx-injected style – shows up here.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import follow, login

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}` +
                              ` (${e.sourceFile || ""}:${e.lineNumber || ""})`);
});
"""


def test_csp_header_and_no_violations_during_a_journey(new_page, base_url, demo):
    page = new_page(bypass_csp=False)
    page.add_init_script(RECORD_VIOLATIONS)
    problems = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and "favicon.ico" not in (m.location or {}).get("url", "")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: (
            problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    violations = []

    def collect():
        violations.extend(page.evaluate("() => window.__cspViolations.splice(0)"))

    response = page.goto(f"{base_url}/anmelden/")
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp
    assert re.search(r"script-src 'self'(;|$)", csp), csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("referrer-policy") == "same-origin"
    assert response.headers.get("x-frame-options") == "DENY"
    collect()

    # Failed login: the error summary gets focus through zwk.js (a file, not inline).
    login(page, base_url, "koordination-musterstadt", "falsch", check=False)
    expect(page.locator(".error-summary")).to_be_focused()
    collect()
    # The status code of the failed login is not a problem of the page.
    problems[:] = [p for p in problems if "/anmelden/" not in p]

    login(page, base_url, "koordination-musterstadt", check=False)
    page.goto(f"{base_url}/kommunen/musterstadt/")
    collect()
    follow(page.get_by_role("link", name=re.compile("^Zum Schritt ")))
    collect()
    # htmx (loaded from a file) swaps the checklist item under the policy.
    button = page.locator(".checklist button[aria-pressed='false']").first
    item_id = (
        page.locator(".checklist > li")
        .filter(has=page.locator("button[aria-pressed='false']"))
        .first.get_attribute("id")
    )
    button.click()
    expect(page.locator(f"#{item_id} button")).to_have_attribute("aria-pressed", "true")
    collect()
    page.goto(f"{base_url}/kommunen/musterstadt/team/")
    collect()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
    collect()

    assert not violations, "CSP violations:\n" + "\n".join(violations)
    assert not problems, "\n".join(problems)
