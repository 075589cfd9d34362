"""``python -m civicrun`` runs the command-line interface."""

from civicrun.cli import main

raise SystemExit(main())
