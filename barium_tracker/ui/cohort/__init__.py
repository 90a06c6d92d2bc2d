"""The cohort window in its parts: its words, the table's columns and model, the statistics model, the plot, the
filters and the window that holds them. Importing this package imports none of them (matplotlib stays lazy)."""
