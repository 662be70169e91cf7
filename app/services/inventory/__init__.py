"""The inventory of a performance: seat state, allocation to contingents, counts, the seat plan's data, box-office sales."""
