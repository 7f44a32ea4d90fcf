import pytest

from course_utils.exercises import check, require


@pytest.fixture(autouse=True)
def lenient(monkeypatch):
    monkeypatch.setenv("COURSE_STRICT_EXERCISES", "0")


def test_pass(capsys):
    check("Exercise 1", lambda: None)
    assert capsys.readouterr().out == "[ok] Exercise 1: passed.\n"


def test_not_solved_yet_from_scaffold(capsys):
    answer = None

    def test():
        require(answer)

    def unfinished():
        raise NotImplementedError("your code here")

    check("Exercise 2", test)
    check("Exercise 3", unfinished)
    out = capsys.readouterr().out
    assert out.count("not solved yet") == 2 and "Traceback" not in out


def test_wrong_answer_gives_the_hint(capsys):
    def test():
        raise AssertionError("expected 3")

    check("Exercise 4", test, hint="count again")
    assert capsys.readouterr().out == "[x] Exercise 4: not quite (expected 3). Hint: count again\n"


def test_crashing_answer_is_explained(capsys):
    check("Exercise 5", lambda: 1 / 0, hint="h")
    assert "your code raised ZeroDivisionError" in capsys.readouterr().out


def test_strict_mode_raises(monkeypatch):
    monkeypatch.setenv("COURSE_STRICT_EXERCISES", "1")
    with pytest.raises(AssertionError, match="not quite"):
        check("Exercise 6", lambda: (_ for _ in ()).throw(AssertionError()))
    with pytest.raises(AssertionError, match="not solved yet"):
        check("Exercise 7", lambda: require(...))
    check("Exercise 8", lambda: None)
