"""Qt models over the registry: columns and roles are named once in ``columns``."""
