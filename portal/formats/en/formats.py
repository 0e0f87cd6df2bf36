"""English dates for a Vietnamese portal: day first (24 November 2026)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
LONG_DATE_FORMAT = "l, j F Y"
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
