"""Command line: ``python -m demography {indicators,project,bench} …``.

Each sub-command lives in its own module under :mod:`demography.cli`; this file only
dispatches, so that importing one command never pays for another's dependencies.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = {
    "indicators": "demography.cli.indicators",
    "project": "demography.cli.project",
    "bench": "demography.cli.bench",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="python -m demography",
        description="Demografie-Assistenz: Indikatoren, Vorausberechnung, Benchmarks.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_path in COMMANDS.items():
        module = importlib.import_module(module_path)
        modules[name] = module
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.HELP))
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
