"""Events of the Kommunalprofil that apps above it react to (they may import this module;
profiles never imports them – see the tiers in docs/development.md).

``gemeindeverzeichnis_imported`` is sent *inside* the import's transaction with
``postal_codes`` ``{ags: plz}`` (the PLZ of each Gemeinde's Verwaltungssitz in the
Gemeindeverzeichnis) and ``release``: a receiver that raises rolls the whole import back, so
what the receivers store stays all-or-nothing with the statistics. The registration stores the
pairs for the PLZ search of "Kommune anmelden". Sent again when the same file is imported
again (receivers must be idempotent).
"""

from django.dispatch import Signal

gemeindeverzeichnis_imported = Signal()
