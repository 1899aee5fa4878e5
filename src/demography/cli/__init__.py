"""Sub-commands of ``python -m demography``; each module exposes HELP, add_arguments, run."""
