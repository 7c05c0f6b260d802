"""The patient portal server: log in, read, reply and write secure messages (FastAPI)."""
