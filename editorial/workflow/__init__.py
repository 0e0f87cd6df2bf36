"""The editorial board's approval workflow (P-Art. 6.2, 7.4, 7.5): tasks, checks, guards, reports."""
