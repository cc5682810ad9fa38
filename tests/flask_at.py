"""`python -m tests.flask_at <instant> <flask arguments>`: the real `flask` command line in a
process of its own, with its clock at the instant the test chose (ISO 8601, aware), ticking from
there. Tests never read the machine's clock; this lets a real process share the test's time."""
import sys
from datetime import datetime

import time_machine


def main() -> None:
    instant = datetime.fromisoformat(sys.argv[1])
    sys.argv = ["flask", *sys.argv[2:]]
    with time_machine.travel(instant, tick=True):
        from flask.cli import main as flask_main
        flask_main()


if __name__ == "__main__":
    main()
