"""Entry point of OpenDesk.exe in the frozen build: the desktop client (`opendesk`)."""

import sys

from opendesk.desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
