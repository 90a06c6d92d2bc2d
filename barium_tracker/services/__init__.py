"""Use cases shared by the GUI and the command line: open a clinic database, record, summarise, demo data."""
