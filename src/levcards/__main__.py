"""``python -m levcards`` runs the command line."""

from levcards.cli import app

app(prog_name="levcards")
