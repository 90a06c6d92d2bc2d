"""Record editors: one dialog per kind of record, all validating as the user types with the domain's rules."""
