"""Services: every read, send, reply and permission decision, one transaction each."""
