"""Copy Leaflet (npm ``leaflet``) into ``src/zwk/static/zwk/vendor/leaflet/``.

As for KERN (tools/vendor_kern.py): the copied files are committed, so production needs
neither npm nor a CDN. Run ``npm ci && python tools/vendor_leaflet.py`` after changing the
pinned version in package.json. Copied: the minified script, the stylesheet, the marker
images and the licence (BSD-2-Clause).
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "leaflet"
TARGET = ROOT / "src" / "zwk" / "static" / "zwk" / "vendor" / "leaflet"


def main() -> int:
    if not (PACKAGE / "package.json").exists():
        print("leaflet fehlt – bitte zuerst `npm ci` ausführen.", file=sys.stderr)
        return 1
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["leaflet"]
    if version != pinned:
        print(f"node_modules hat {version}, package.json verlangt {pinned}.", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "images").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy(PACKAGE / "dist" / name, TARGET / name)
    for image in (PACKAGE / "dist" / "images").iterdir():
        shutil.copy(image, TARGET / "images" / image.name)
    shutil.copy(PACKAGE / "LICENSE", TARGET / "LICENSE")
    # The source map comment points to a file we do not ship.
    script = (TARGET / "leaflet.js").read_text()
    (TARGET / "leaflet.js").write_text(script.replace("//# sourceMappingURL=leaflet.js.map", ""))
    (TARGET / "VERSION").write_text(version + "\n")
    print(f"Leaflet {version} nach {TARGET.relative_to(ROOT)} kopiert.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
