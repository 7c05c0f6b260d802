"""Entry point of opendesk-admin.exe in the frozen build: the command line for IT."""

import sys

from opendesk.admin.cli import main

if __name__ == "__main__":
    sys.exit(main())
