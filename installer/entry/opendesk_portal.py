"""Entry point of opendesk-portal.exe in the frozen build: the portal server (`opendesk-portal`,
arguments as usual) and, when the Windows service control manager starts it with
`--windows-service` (the MSI's ServiceInstall), the host of the OpenDeskPortal service.

A Windows service must answer the service control manager within 30 seconds, which a plain
console program does not; pywin32's servicemanager does that here, and runs
opendesk.portal.service.start_portal_service on the service thread: the machine configuration
the MSI wrote, the secrets from the machine store, a log file, then the portal server. The same
function runs on Linux in tests/installer/test_service_startup.py. Stopping the service ends the
process: the portal server keeps no state outside the database, and the notification outbox
retries whatever was in flight.
"""

import os
import sys

SERVICE_SWITCH = "--windows-service"


def run_portal(argv: list[str]) -> int:
    from opendesk.portal.__main__ import main

    return int(main(argv) or 0)


def run_service() -> int:  # pragma: no cover - Windows only
    import servicemanager
    import win32service
    import win32serviceutil

    from opendesk.portal.service import SERVICE_NAME, service_log_file, start_portal_service

    class PortalService(win32serviceutil.ServiceFramework):  # type: ignore[misc]
        _svc_name_ = SERVICE_NAME
        _svc_display_name_ = "OpenDesk portal server"

        def SvcDoRun(self) -> None:  # pywin32's names
            self.ReportServiceStatus(win32service.SERVICE_RUNNING)
            servicemanager.LogInfoMsg(f"{SERVICE_NAME}: starting the portal server")
            try:
                code = start_portal_service()
            except Exception as exc:  # the event log is the only place anyone will look
                servicemanager.LogErrorMsg(f"{SERVICE_NAME}: the portal server failed: {exc!r}")
                code = 1
            if code:
                servicemanager.LogErrorMsg(
                    f"{SERVICE_NAME}: the portal server stopped (exit code {code}); "
                    f"see {service_log_file()}"
                )
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
