"""Services: each call takes an actor and a Session, checks permissions, changes data, writes the
audit row and commits as one transaction. The desktop client and the portal call these; they
never build write queries of their own."""
