"""Running an interface's functions by hand from the client: the run dialog (export with its
diff then confirm, reintegration, with progress and cancel), the sales-file import with its
preview, and the Fnac reconciliation of allocated and sold places."""
