"""PySide6 widgets, dialogs and item models. Never holds a session: it asks barium_tracker.services."""
