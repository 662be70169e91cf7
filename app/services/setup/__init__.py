"""Set-up: sales channels, contingents, distributor interfaces and their mappings, activity profiles, the pre-flight check."""
