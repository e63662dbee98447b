"""Guarded fields: figures and states that a rule derives, written only by the method that owns them.

Each model lists its guarded fields (``_ltc_guarded_fields``) and calls ``check_guarded`` from its
``write`` and ``create``. A write that sets one of them passes only

- in superuser mode (data loading, scheduled jobs, the owning methods that already run ``sudo()``), or
- through ``guarded(records)``, the environment of an owning method (claim, lifecycle move, scoring,
  registration decision …).

``guarded`` marks the context with an object that only Python code holds: a JSON-RPC caller can put
any key and value into its context, but never this object, so no plain ``write`` / ``create`` /
``load`` / ``web_save`` over RPC can set a guarded field — for any user, managers included.
"""
from odoo.exceptions import AccessError

GUARD_KEY = "ltc_guarded_write"
_TOKEN = object()


def guarded(records):
    """`records` in an environment allowed to write guarded fields: for the owning methods only."""
    return records.with_context(**{GUARD_KEY: _TOKEN})


def may_write_guarded(env):
    return env.su or env.context.get(GUARD_KEY) is _TOKEN


def check_guarded(records, vals_list, fnames, create=False):
    """Refuse `vals_list` (dicts for write or create on `records`' model) that set any of `fnames`,
    unless the environment may write guarded fields. On create, a value equal to the field's default
    (or empty) is not a setting: the form sends the defaults it shows."""
    env = records.env
    if may_write_guarded(env):
        return
    hit = set()
    for vals in vals_list:
        given = set(vals) & set(fnames)
        if create and given:
            defaults = records.default_get(list(given))
            given = {fname for fname in given if vals[fname] and vals[fname] != defaults.get(fname)}
        hit |= given
    if hit:
        labels = ", ".join(sorted(records._fields[fname]._description_string(env) for fname in hit))
        raise AccessError(env._(
            "%(fields)s of %(model)s are set by the application (claims, approvals, lifecycle moves …), "
            "not by editing: use the buttons that change them.",
            fields=labels, model=env["ir.model"]._get(records._name).name))
