"""The desktop client (PySide6) used by front-desk staff and providers."""
