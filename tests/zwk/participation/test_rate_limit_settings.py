"""The Ideensammlung's rate limits are declared in ``settings.RATE_LIMITS`` like every other
limit (no default set at app start), and the ``RATE_LIMITS`` environment variable overrides
single entries."""

import json
import os
import subprocess
import sys
from pathlib import Path

import zwk.settings

ROOT = Path(__file__).resolve().parents[3]
IDEA_LIMITS = {
    "participation.idea": "10/1h;30/1d",
    "participation.comment": "20/10m;100/1d",
    "participation.idea_join": "30/10m",
    "participation.report": "20/1h",
}
SHOW = "import json, zwk.settings as s; print(json.dumps(s.RATE_LIMITS))"


def _limits(environment: str | None) -> dict:
    """``settings.RATE_LIMITS`` of a fresh process with this ``RATE_LIMITS`` variable."""
    env = {k: v for k, v in os.environ.items() if k != "RATE_LIMITS"}
    env.update(ZWK_ENV_FILE="", SECRET_KEY="x")
    if environment is not None:
        env["RATE_LIMITS"] = environment
    out = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_idea_limits_are_declared_in_the_settings_module():
    source = (ROOT / "src" / "zwk" / "settings.py").read_text()
    for name, spec in IDEA_LIMITS.items():
        assert f'"{name}": "{spec}"' in source
    assert "RATE_LIMITS" not in (ROOT / "src" / "zwk" / "participation" / "apps.py").read_text()
    assert set(IDEA_LIMITS) <= set(zwk.settings.RATE_LIMITS)


def test_the_environment_overrides_one_idea_limit_and_keeps_the_others():
    limits = _limits("participation.idea=1/1m,participation.report=2/1h")
    assert limits["participation.idea"] == "1/1m"
    assert limits["participation.report"] == "2/1h"
    assert limits["participation.comment"] == IDEA_LIMITS["participation.comment"]
    assert _limits(None)["participation.idea"] == IDEA_LIMITS["participation.idea"]
