#!/usr/bin/env python
"""Django's command-line utility for ZWK."""

import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwk.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # One plain line instead of a traceback (e.g. SECRET_KEY missing outside `make demo`).
        sys.exit(
            f"ZWK ist nicht eingerichtet: {error} Für die Entwicklung einmal `make demo` "
            "ausführen (legt .env mit DEBUG=1 an) oder die Variablen setzen (docs/betrieb.md, "
            "Abschnitt 12)."
        )


if __name__ == "__main__":
    main()
