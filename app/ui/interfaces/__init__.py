"""The distributor interfaces screen: the list and the editor with its tabs (see page.py)."""

from .page import InterfacesPage

__all__ = ["InterfacesPage"]
