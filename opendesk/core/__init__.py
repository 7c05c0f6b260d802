"""The practice's domain: ORM models, migrations, settings and the services every part calls.

`opendesk.core` imports neither Qt nor the web framework; the desktop client and the portal
server call its services and never each other (a test enforces this).
"""
