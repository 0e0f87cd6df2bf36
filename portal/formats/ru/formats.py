"""Russian dates (24 ноября 2026 г.)."""

DATE_FORMAT = "j E Y г."
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y г. H:i"
LONG_DATE_FORMAT = "l, j E Y г."
TIME_FORMAT = "H:i"
FIRST_DAY_OF_WEEK = 1
