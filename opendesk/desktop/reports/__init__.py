"""Reports the desktop shows (Setup > Response report)."""
