"""The test command fails loudly, never passes with nothing run."""
import os
import stat
import subprocess

from conftest import ROOT


def _run(cmd, env=None, timeout=300):
    return subprocess.run(cmd, cwd=ROOT, env=dict(os.environ, **(env or {})), capture_output=True,
                          text=True, timeout=timeout)


def test_test_command_refuses_an_interpreter_without_odoo(tmp_path):
    fake = tmp_path / "python-without-odoo"
    fake.write_text('#!/bin/sh\nexec python3 -S "$@"\n')  # -S: no site-packages, so no odoo
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    proc = _run(["./ltc", "test"], env={"PYTHON": str(fake)})
    assert proc.returncode == 2
    assert "Odoo 18.0 is not importable" in proc.stderr
    assert "passed, 0 failed" not in proc.stdout


def test_test_command_refuses_to_run_without_postgresql():
    proc = _run(["python3", "tools/run_tests.py"], env={"PGHOST": "/nonexistent-socket-dir"})
    assert proc.returncode == 2
    assert "PostgreSQL is not reachable" in proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"


def test_a_failing_test_makes_the_run_fail(tmp_path):
    (tmp_path / "test_sample.py").write_text("def test_ok():\n    pass\n\ndef test_broken():\n    assert 1 == 2\n")
    proc = _run(["python3", "tools/run_tests.py", "--plain-pytest", str(tmp_path)])
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_a_run_with_no_test_fails(tmp_path):
    (tmp_path / "test_nothing.py").write_text("VALUE = 1\n")
    proc = _run(["python3", "tools/run_tests.py", "--plain-pytest", str(tmp_path)])
    assert proc.returncode == 1
    assert proc.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"


def test_ci_runs_exactly_the_readme_test_command():
    ci = open(os.path.join(ROOT, ".ci/run")).read()
    readme = open(os.path.join(ROOT, "README.md")).read()
    assert "exec ./ltc test" in ci
    assert "./ltc test" in readme and "./ltc demo" in readme
