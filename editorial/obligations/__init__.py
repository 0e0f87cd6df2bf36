"""Content obligations of each site (P-Art. 8; NĐ 42/2022/NĐ-CP Art. 4, 7), kept as data and checked from content."""
