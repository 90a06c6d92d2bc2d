"""Radiographs on screen: the image view, the measuring tools, the measuring dialog and the pre/post comparison."""
