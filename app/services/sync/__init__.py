"""Synchronisation with distributors: executions and their queue, allotment export, sales reintegration, failure e-mails."""
