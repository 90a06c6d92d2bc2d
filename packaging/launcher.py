"""The installable build's entry point: the same front door as the ``barium-tracker`` command."""

import sys

from barium_tracker.cli import main

if __name__ == "__main__":
    sys.exit(main())
