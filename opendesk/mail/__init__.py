"""Notification e-mail: the SMTP transport, the durable outbox and its worker, delivery state,
and the demo mail catcher.

The secure message never leaves the database; what this package sends is the PHI-free notice
that `opendesk.core.services.messages.send` committed to the outbox with it.
"""
