"""Distributors: one module per distributor behind `base.DistributorAdapter`, sales-file
formats in `files/`, and the local distributor simulator in `simulator/`."""
