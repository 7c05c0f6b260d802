"""Start-up of the portal server as the Windows service OpenDeskPortal.

The MSI's ServiceInstall runs `opendesk-portal.exe --windows-service` as a service account
(LocalService by default) that has no settings file, no environment of its own and usually no
keyring entries. `start_portal_service` is what that service runs (installer/entry/
opendesk_portal.py calls it on pywin32's service thread), and what tests/installer/
test_service_startup.py runs on Linux:

- the database URL from the machine configuration (HKLM\\Software\\OpenDesk, DBURL; elsewhere
  /etc/opendesk/machine.json), as every OpenDesk program resolves it;
- the database password and the portal's session secret key from the account's keyring, else
  the machine secret store (`opendesk-admin secrets set-db-password --machine`,
  `opendesk-admin secrets set-portal-secret --machine`);
- a log file under the account's local data folder (for LocalService,
  C:\\Windows\\ServiceProfiles\\LocalService\\AppData\\Local\\OpenDesk\\logs\\portal.log);
- then the usual portal server (uvicorn) with the outbox worker.

Host, port, certificate and proxies come from the service's environment when IT sets one
(the `Environment` value of the service's registry key): OPENDESK_PORTAL_HOST and so on.
"""

import os

from opendesk.core.credentials import get_secret, portal_secret_key
from opendesk.core.paths import log_dir

SERVICE_NAME = "OpenDeskPortal"


def service_log_file() -> str:
    return str(log_dir() / "portal.log")


def service_arguments() -> list[str]:
    """The portal's command line under the service manager."""
    return ["--log-file", service_log_file()]


def start_portal_service() -> int:
    """Run the portal server as the service does, until it stops; its exit code (2: not
    configured, with the reason in the log file)."""
    from opendesk.portal.__main__ import main

    if not os.environ.get("OPENDESK_PORTAL_SECRET"):
        secret = get_secret(portal_secret_key())
        if secret:
            # The portal reads its secret key from its environment; a service has none of its
            # own, so the stored one is put there, in this process only.
            os.environ["OPENDESK_PORTAL_SECRET"] = secret
    return main(service_arguments())
