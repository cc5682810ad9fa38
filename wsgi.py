"""Entry point for `flask run` and WSGI servers: MINPLAN_CONFIG picks the configuration."""
from app import create_app

app = create_app()
