"""Update-frequency monitoring (P-Art. 11): what counts as an update, the rules, the reports."""
