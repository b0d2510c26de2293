"""Presentation helpers for the web app and the terminal that need no UI library:
graph drawings as DOT text, math delimiter normalisation."""
