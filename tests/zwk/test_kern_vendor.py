"""The KERN UX-Standard is served from our own static files (no CDN), in the version that
package.json pins, with its licence (issue 16)."""

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders

REPO = Path(__file__).resolve().parents[2]
VENDOR = REPO / "src" / "zwk" / "static" / "zwk" / "vendor" / "kern"


def test_vendored_kern_is_the_pinned_version_with_its_licence():
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["@kern-ux/native"]
    assert (VENDOR / "VERSION").read_text().strip() == pinned
    assert "EUROPÄISCHE UNION PUBLIC LICENCE" in (VENDOR / "LICENSE.md").read_text()


def test_every_font_the_stylesheet_names_is_there():
    css = (VENDOR / "fira-sans.css").read_text()
    fonts = re.findall(r'url\("([^"]+)"\)', css)
    assert fonts and all((VENDOR / f).is_file() for f in fonts)
    # KERN's own images (icons) are data URIs: the stylesheet fetches nothing from outside.
    kern = (VENDOR / "kern.min.css").read_text()
    assert all(
        re.match(r"""url\(["']?data:""", kern[m.start() :]) for m in re.finditer(r"url\(", kern)
    )


def test_pages_load_kern_before_our_stylesheet(client, db):
    assert finders.find("zwk/vendor/kern/kern.min.css")
    html = client.get("/").content.decode()
    kern = html.index("zwk/vendor/kern/kern.min.css")
    assert kern < html.index("zwk/css/zwk.css") and "cdn" not in html.lower()
    # the footer links the legal pages and the BITV 2.0 pages on every page
    for path in ("/impressum/", "/barrierefreiheit/", "/leichte-sprache/"):
        assert f'href="{path}"' in html, path
