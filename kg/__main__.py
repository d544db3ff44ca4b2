"""``python -m kg``: the same command line as ``kg``."""

from kg.cli import cli

cli(prog_name="kg")
