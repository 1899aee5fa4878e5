"""Demo data of feature apps.

Each module here defines ``ORDER: int`` (smaller runs first) and
``build(*, municipalities: dict[str, Municipality], users: dict[str, User], stdout) -> None``,
which must be idempotent (create only what is missing). ``manage.py demo`` finds the modules
itself, so a new app adds a file and touches nothing else.
"""

import importlib
import pkgutil


def builders():
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]
    return [m.build for m in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))]
