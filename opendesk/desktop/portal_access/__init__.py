"""Grant Portal Access, in the Chart module: what the patient record lacks for the portal, a
user name and temporary password shown once (printable), and Remove Access."""

from opendesk.desktop.modules.base import register_page
from opendesk.desktop.portal_access.page import PortalAccessPage

register_page("chart", "portal_access", "Portal Access", PortalAccessPage, order=200)
