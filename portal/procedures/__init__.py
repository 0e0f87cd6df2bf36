"""Administrative procedures and online public services (category 5 of Article 8)."""
