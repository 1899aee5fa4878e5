"""makemessages that also finds ZWK's short names for gettext_lazy (issue 18).

Some modules import ``gettext_lazy as _lazy`` or ``as _l`` (because ``_`` is gettext there).
Django's xgettext call only knows ``_`` and the full names, so those texts never reached the
catalogues and stayed German in every language.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy", "--keyword=_l"]
