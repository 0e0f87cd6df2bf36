"""Projects, investment, bidding and public procurement (category 8 of Article 8)."""
