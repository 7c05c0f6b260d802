"""The Email Inbox (Manage module) and the patient's WebMail tab (Chart module).

Importing this package registers both pages (it is listed in `modules.PAGE_PROVIDERS`):

    register_page("manage", "email_inbox", "Email Inbox", EmailInboxPage, icon_name="webmail")
    register_page("chart", "webmail", "WebMail", ChartWebMailPage, icon_name="webmail")

`message_window.MessageWindow.open(ctx, message_id, parent, from_chart=False)` opens one
message from anywhere.
"""

from opendesk.desktop.inbox.chart_page import ChartWebMailPage
from opendesk.desktop.inbox.page import EmailInboxPage
from opendesk.desktop.modules.base import register_page

register_page("manage", "email_inbox", "Email Inbox", EmailInboxPage, icon_name="webmail", order=10)
register_page("chart", "webmail", "WebMail", ChartWebMailPage, icon_name="webmail", order=10)

__all__ = ["ChartWebMailPage", "EmailInboxPage"]
