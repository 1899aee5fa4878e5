"""gunicorn's access log without secret link tokens (see ``zwk.core.redact``).

``deploy/systemd/zwk-web.service`` starts gunicorn with
``--logger-class zwk.core.gunicorn_logging.RedactingLogger``.
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from zwk.core.redact import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
