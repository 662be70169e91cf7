"""The Qt desktop client: windows, dialogs, table models, the background-task helper."""
