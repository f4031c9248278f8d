"""Reviewing an imported plan and editing a stored one."""
