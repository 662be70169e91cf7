"""The till: the sale confirmation, ticket printing and the orders of the box office."""
