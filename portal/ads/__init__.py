"""Advertising on the portal (P-Art. 13): slots managed by the management unit, ads always labelled."""
