"""Conversations (samtaler): booking, format, cancellation."""
