"""Models of the security app."""
