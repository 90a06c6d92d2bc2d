"""Radiographs and endoscopy photographs: reading them, showing them, and keeping them with the clinic's data."""
