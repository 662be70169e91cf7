"""Use cases. Each opens short sessions on a `Database` and returns plain dataclasses."""
