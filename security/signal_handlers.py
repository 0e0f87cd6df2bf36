"""Signal handlers of the security app (wired in SecurityConfig.ready)."""
