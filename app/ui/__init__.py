"""Widgets: the main window (a composer only) and its panes and dialogs."""
