"""Notification e-mail: SMTP transport, the durable outbox and its worker, the demo catcher."""
