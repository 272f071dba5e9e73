"""The bundle's entry point: the same ``tafdesk`` command as ``.venv/bin/tafdesk``."""

import sys

from tafdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
