"""Notification e-mail delivery beside core: the SMTP transport (`smtp`), the MIME notice
(`message`), the durable outbox worker (`outbox`) and the state queries the desktop's
Notifications mailbox and the portal use (`status`), and the demo mail catcher (`catcher`).

The notices themselves are written by core's send service into `notification_outbox` in the
same transaction as the secure message; this package only delivers them. Nothing here logs an
address, a subject or a body: log lines name notice ids and PHI-free reasons.
"""
