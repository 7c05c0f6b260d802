"""Entry point of opendesk-portal.exe in the frozen build: the portal server (`opendesk-portal`,
arguments as usual) and, when the Windows service control manager starts it with
`--windows-service` (the MSI's ServiceInstall), the host of the OpenDeskPortal service.

A Windows service must answer the service control manager within 30 seconds, which a plain
console program does not; pywin32's servicemanager does that here, and runs the portal server
(opendesk.portal.__main__.main with no arguments: it takes its database from the machine
configuration the MSI wrote) on the service thread. Stopping the service ends the process: the
portal server keeps no state outside the database, and the notification outbox retries whatever
was in flight.
"""

import os
import sys

SERVICE_SWITCH = "--windows-service"
SERVICE_NAME = "OpenDeskPortal"


def run_portal(argv: list[str]) -> int:
    from opendesk.portal.__main__ import main

    return int(main(argv) or 0)


def run_service() -> int:  # pragma: no cover - Windows only
    import servicemanager
    import win32service
    import win32serviceutil

    class PortalService(win32serviceutil.ServiceFramework):  # type: ignore[misc]
        _svc_name_ = SERVICE_NAME
        _svc_display_name_ = "OpenDesk portal server"

        def SvcDoRun(self) -> None:  # pywin32's names
            self.ReportServiceStatus(win32service.SERVICE_RUNNING)
            servicemanager.LogInfoMsg(f"{SERVICE_NAME}: starting the portal server")
            try:
                code = run_portal([])
            except Exception as exc:  # the event log is the only place anyone will look
                servicemanager.LogErrorMsg(f"{SERVICE_NAME}: the portal server failed: {exc!r}")
                code = 1
            self.ReportServiceStatus(win32service.SERVICE_STOPPED)
            os._exit(code)

        def SvcStop(self) -> None:  # pywin32's names
            self.ReportServiceStatus(win32service.SERVICE_STOP_PENDING)
            servicemanager.LogInfoMsg(f"{SERVICE_NAME}: stopping")
            self.ReportServiceStatus(win32service.SERVICE_STOPPED)
            os._exit(0)

    servicemanager.Initialize(SERVICE_NAME, None)
    servicemanager.PrepareToHostSingle(PortalService)
    servicemanager.StartServiceCtrlDispatcher()
    return 0


def main() -> int:
    args = sys.argv[1:]
    if SERVICE_SWITCH in args:
        return run_service()
    return run_portal(args)


if __name__ == "__main__":
    sys.exit(main())
