"""Services shared by the UI: paths, settings, clipboard, i18n, logging."""
