"""The app as the benchmark serves it: MINPLAN_CONFIG=production in every respect but one, the
development test login (standing in for MitID), which the load needs to log in its citizens.
Never used outside bench/run.py."""
from app import create_app

app = create_app({"ENV_NAME": "production-bench", "DEV_LOGIN_ENABLED": True})
