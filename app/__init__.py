"""Guichet: a box office for venues that sell part of their seats through distributors."""

__version__ = "0.1.0"
