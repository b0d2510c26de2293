"""Procedures: the tasks a user or administration manual teaches, what to run or choose for each."""
