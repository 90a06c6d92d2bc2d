"""The cohort view's old address: the window and its parts live in :mod:`barium_tracker.ui.cohort`.

Kept for the main window (which imports the view lazily, with matplotlib) and the cohort benchmark.
"""

from __future__ import annotations

from barium_tracker.ui.cohort.filters import ChoiceList, CohortFilters
from barium_tracker.ui.cohort.plot import CohortPlot
from barium_tracker.ui.cohort.stats_model import CohortStatsModel
from barium_tracker.ui.cohort.table_model import CohortTableModel
from barium_tracker.ui.cohort.window import CohortView

__all__ = ["ChoiceList", "CohortFilters", "CohortPlot", "CohortStatsModel", "CohortTableModel", "CohortView"]
