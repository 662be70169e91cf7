"""The interactive seat plan: a QGraphicsScene painting seats per block from flat arrays."""
