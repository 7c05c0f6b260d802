"""Dialogs: each loads its compiled Designer form (forms_generated) and holds the behaviour."""
