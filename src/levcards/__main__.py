"""``python -m levcards`` runs the command line."""

from levcards.cli import run

run()
