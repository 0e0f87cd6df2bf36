"""Royalties and remuneration (nhuận bút, thù lao) for contributors (P-Art. 14, 5.2.g, 15.2)."""
