"""Copy the KERN UX-Standard (npm ``@kern-ux/native``) into ``src/zwk/static/zwk/vendor/kern/``.

The copied files are committed, so ``make demo`` and production need neither npm nor a CDN;
whitenoise serves them like our own CSS. Run ``make kern`` after changing the pinned version
in package.json (it runs ``npm ci`` first). Only what the pages use is copied: the minified
stylesheet, the licence (EUPL-1.2) and the four Fira Sans faces KERN's tokens ask for
(regular, italic, medium, semi-bold) with an ``@font-face`` file for exactly those.
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@kern-ux" / "native"
TARGET = ROOT / "src" / "zwk" / "static" / "zwk" / "vendor" / "kern"
FACES = ("Regular", "Italic", "Medium", "SemiBold")


def main() -> int:
    if not (PACKAGE / "package.json").exists():
        print("@kern-ux/native fehlt – bitte zuerst `npm ci` ausführen.", file=sys.stderr)
        return 1
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["@kern-ux/native"]
    if version != pinned:
        print(f"node_modules hat {version}, package.json verlangt {pinned}.", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "fonts").mkdir(parents=True)
    shutil.copy(PACKAGE / "dist" / "kern.min.css", TARGET / "kern.min.css")
    shutil.copy(PACKAGE / "LICENSE.md", TARGET / "LICENSE.md")
    source = (PACKAGE / "dist" / "fonts" / "fira-sans.css").read_text()
    blocks = []
    for block in re.findall(r"@font-face\s*\{[^}]*\}", source):
        name = re.search(r"FiraSans-(\w+)\.woff2", block).group(1)
        if name in FACES:
            shutil.copy(
                PACKAGE / "dist" / "fonts" / "fira-sans" / f"FiraSans-{name}.woff2",
                TARGET / "fonts" / f"FiraSans-{name}.woff2",
            )
            blocks.append(block.replace("./fira-sans/", "fonts/"))
    header = f"/* Fira Sans for KERN {version} (SIL Open Font License), copied by tools/vendor_kern.py */\n"
    (TARGET / "fira-sans.css").write_text(header + "\n".join(blocks) + "\n")
    (TARGET / "VERSION").write_text(version + "\n")
    print(f"KERN {version} nach {TARGET.relative_to(ROOT)} kopiert.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
