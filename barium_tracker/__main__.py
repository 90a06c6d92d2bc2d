"""Allows ``python -m barium_tracker``."""

from barium_tracker.cli import main

raise SystemExit(main())
