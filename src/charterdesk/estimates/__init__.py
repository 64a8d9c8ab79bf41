"""Consulting estimates: billable work the customer approves or declines."""
