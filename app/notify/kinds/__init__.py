"""What the outbox must send, one module per kind of message; app/notify/collect.py runs them."""
