"""Each addon installs on a fresh database with its dependencies alone, without a warning in the
log, and the whole suite uninstalls cleanly.

The dependency chain is linear, so installing the addons one after the other on one fresh database
is exactly "each addon with its dependencies alone": before step N the database holds only the
dependencies of addon N.
"""
import os
import subprocess

import pytest

from conftest import ADDONS, PY, ROOT, copy_db, drop_db, log_problems, odoo, psql


@pytest.fixture(scope="module")
def chain_db():
    db = f"ltc_chain_{os.getpid()}"
    drop_db(db)
    yield db
    drop_db(db)
    drop_db(db + "_u")


def test_each_addon_installs_alone_without_warnings_then_uninstalls_cleanly(chain_db):
    for addon in ADDONS:
        rc, log = odoo(chain_db, "-i", addon, "--stop-after-init", "--log-level=warn")
        assert rc == 0, f"installing {addon} failed:\n{log[-3000:]}"
        assert not log_problems(log), f"installing {addon} logged:\n" + "\n".join(log_problems(log))
        state = psql(chain_db, f"select state from ir_module_module where name='{addon}'")
        assert state == "installed", (addon, state)
        later = ADDONS[ADDONS.index(addon) + 1:]
        installed_later = psql(chain_db, "select count(*) from ir_module_module where state='installed' "
                                         f"and name in ({','.join(repr(a) for a in later) or 'NULL'})")
        assert installed_later == "0", f"{addon} pulled in a later LTC addon"

    # uninstall everything LTC (uninstalling ltc_lead takes its dependants along)
    copy_db(chain_db, chain_db + "_u")
    script = ("env['ir.module.module'].search([('name', '=', 'ltc_lead')]).button_immediate_uninstall();"
              "env.cr.commit()")
    rc, log = _shell(chain_db + "_u", script)
    assert rc == 0, log[-3000:]
    assert not log_problems(log), "\n".join(log_problems(log))
    states = psql(chain_db + "_u", "select string_agg(distinct state, ',') from ir_module_module "
                                   "where name like 'ltc\\_%'")
    assert states == "uninstalled"
    assert psql(chain_db + "_u", "select count(*) from ir_model where model like 'ltc.%'") == "0"
    assert psql(chain_db + "_u", "select count(*) from ir_model_data where module like 'ltc\\_%'") == "0"
    # the Sales roles still work without the LTC groups
    assert psql(chain_db + "_u", "select count(*) from res_groups_implied_rel r join res_groups g "
                                 "on g.id = r.hid where g.name::text like '%LTC%'") == "0"


def _shell(db, script):
    proc = subprocess.run([PY, "-m", "odoo", "shell", "-c", "odoo.conf", "-d", db, "--log-level=warn",
                           "--workers=0", "--max-cron-threads=0"],
                          cwd=ROOT, input=script, capture_output=True, text=True, timeout=1200)
    return proc.returncode, proc.stdout + proc.stderr
