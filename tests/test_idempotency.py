import pytest

from app.db import transaction
from app.idempotency import AlreadyDone, claim, complete, new_key


def test_a_key_acts_once_and_returns_the_first_result(db):
    key = new_key()
    with transaction(db):
        claim(db, key, "citizen:1")
        complete(db, key, {"conversation_id": 7})
    with pytest.raises(AlreadyDone) as caught:
        with transaction(db):
            claim(db, key, "citizen:1")
    assert caught.value.result == {"conversation_id": 7}


def test_a_key_rolled_back_with_its_change_can_be_used_again(db):
    key = new_key()
    with pytest.raises(RuntimeError):
        with transaction(db):
            claim(db, key, "citizen:1")
            raise RuntimeError("the change failed")
    with transaction(db):
        claim(db, key, "citizen:1")  # not taken: the failed attempt left nothing behind


def test_someone_elses_key_is_refused(db):
    key = new_key()
    with transaction(db):
        claim(db, key, "citizen:1")
        complete(db, key, None)
    with pytest.raises(PermissionError):
        with transaction(db):
            claim(db, key, "citizen:2")
