"""One JSON object per log line (LOG_FORMAT=json), for log collectors in production."""

import json
import logging
from datetime import UTC, datetime

STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Extra fields given with logger.info(..., extra={...}) – but not the request object,
        # which is neither serialisable nor safe to log whole.
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRS and key != "request":
                payload[key] = (
                    value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)
