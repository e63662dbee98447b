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


def test_the_summary_counts_every_closing_line_form():
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location("run_tests", os.path.join(ROOT, "tools", "run_tests.py"))
    run_tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_tests)
    counts = run_tests.pytest_counts
    assert counts("190 passed, 590 subtests passed in 77.62s (0:01:17)") == (190, 0)
    assert counts("2 failed, 188 passed, 3 subtests failed, 587 subtests passed in 9.9s") == (188, 5)
    assert counts("=== 1 failed, 4 passed, 1 error in 3.2s ===") == (4, 2)
    assert counts("no tests ran in 0.01s") == (0, 0)


def test_test_command_names_a_module_that_an_addon_test_imports_and_is_missing(tmp_path):
    """What broke CI on a fresh machine: an installed addon's test imports a package that set-up did
    not install. The runner must name it before it starts, not fail halfway through the tours."""
    clone = tmp_path / "clone"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for rel in filter(None, files.decode().split("\0")):
        dst = clone / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(open(os.path.join(ROOT, rel), "rb").read())
        dst.chmod(os.stat(os.path.join(ROOT, rel)).st_mode)
    (clone / "addons/ltc_lead/tests/test_zz_helper.py").write_text("import ltc_no_such_helper_pkg  # noqa\n")
    proc = subprocess.run(["python3", "tools/run_tests.py"], cwd=clone, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert "ltc_no_such_helper_pkg (imported by addons/ltc_lead/tests/test_zz_helper.py)" in proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"
